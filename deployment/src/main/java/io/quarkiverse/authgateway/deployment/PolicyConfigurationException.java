package io.quarkiverse.authgateway.deployment;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.quarkus.dev.ErrorPageGenerators;
import io.quarkus.runtime.TemplateHtmlBuilder;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The build's answer to an invalid policy configuration: every problem, each naming the endpoint or path and the
 * property or annotation to fix. In dev mode the error page shows them as its heading (Quarkus would show the class of
 * the exception that wraps this one); the properties are offered in its configuration editor as usual.
 */
final class PolicyConfigurationException extends ConfigurationException {

    private static final String TITLE = "Auth Gateway: the policy configuration is invalid";
    private static final String ITEM = "\n  - ";

    private PolicyConfigurationException(List<String> problems, Set<String> properties) {
        super(TITLE + ":" + ITEM + String.join(ITEM, problems), properties);
    }

    static PolicyConfigurationException of(List<String> problems, Set<String> properties) {
        // the dev-mode error page asks this registry by the root cause's class name; the registry outlives restarts,
        // so the page is made from the message, whichever class loader made the exception
        try {
            ErrorPageGenerators.register(PolicyConfigurationException.class.getName(),
                    PolicyConfigurationException::errorPage);
        } catch (IllegalStateException registeredBefore) {
            // an earlier build in this JVM registered the same page
        }
        return new PolicyConfigurationException(problems, Set.copyOf(properties));
    }

    private static String errorPage(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        int start = message.indexOf(ITEM);
        List<String> problems = start < 0
                ? List.of(message)
                : List.of(message.substring(start + ITEM.length()).split(Pattern.quote(ITEM)));
        String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more below)";
        // the builder escapes what it is given
        return new TemplateHtmlBuilder(TITLE, problems.get(0) + more, String.join("\n", problems))
                .stack(failure)
                .toString();
    }
}
