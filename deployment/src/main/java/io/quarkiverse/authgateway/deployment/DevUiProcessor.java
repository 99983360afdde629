package io.quarkiverse.authgateway.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.authgateway.runtime.devui.AuthGatewayJsonRpcService;
import io.quarkiverse.authgateway.runtime.devui.RecentRefusals;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Auth Gateway card of the Dev UI (local dev mode only: never on the server side of remote dev): the compiled policy table, the issuers and their key sets, the
 * recent refusals, and the revocation list with revoke and lift.
 */
@BuildSteps(onlyIf = { AuthGatewayEnabled.class, IsLocalDevelopment.class })
class DevUiProcessor {

    @BuildStep
    AdditionalBeanBuildItem recentRefusals() {
        return AdditionalBeanBuildItem.unremovableOf(RecentRefusals.class);
    }

    @BuildStep
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(AuthGatewayJsonRpcService.class);
    }

    @BuildStep
    CardPageBuildItem card(CompiledPolicyTableBuildItem table) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (PolicyReport.Entry entry : table.getReport()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("method", entry.method());
            row.put("path", entry.path());
            row.put("policy", entry.policy());
            row.put("access", entry.access());
            row.put("schemes", String.join(", ", entry.schemes()));
            row.put("source", entry.source());
            row.put("endpoint", entry.endpoint() == null ? "" : entry.endpoint());
            rows.add(row);
        }
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("policies", rows);
        card.addPage(Page.tableDataPageBuilder("Policy table")
                .icon("font-awesome-solid:table-list")
                .buildTimeDataKey("policies")
                .showColumn("method").showColumn("path").showColumn("policy").showColumn("access")
                .showColumn("schemes").showColumn("source")
                .staticLabel(String.valueOf(rows.size())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Issuers and key sets")
                .icon("font-awesome-solid:key")
                .componentLink("qwc-auth-gateway-issuers.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Recent refusals")
                .icon("font-awesome-solid:ban")
                .componentLink("qwc-auth-gateway-refusals.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Revocations")
                .icon("font-awesome-solid:user-slash")
                .componentLink("qwc-auth-gateway-revocations.js"));
        return card;
    }
}
