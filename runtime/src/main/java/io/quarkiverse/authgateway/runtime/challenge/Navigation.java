package io.quarkiverse.authgateway.runtime.challenge;

import java.util.List;
import java.util.Locale;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells a browser's top-level navigation (a person opened the URL) from every other request. Browsers send
 * {@code Sec-Fetch-Mode} (Fetch Metadata) with every request: {@code navigate} for navigations, {@code cors},
 * {@code no-cors} or {@code same-origin} for {@code fetch}, XHR and subresources, which therefore always get JSON.
 * Without that header (older browsers, other user agents), a request is a navigation when its {@code Accept} prefers
 * {@code text/html} to JSON, also names {@code application/xhtml+xml} (as every browser's navigation does) and it has
 * no {@code X-Requested-With}. {@code curl}'s {@code Accept: *}{@code /*} prefers neither and gets JSON; so does the
 * JDK's {@code HttpURLConnection}, whose default {@code Accept: text/html, image/gif, image/jpeg, *; q=.2, *}{@code /*; q=.2} prefers
 * HTML without being a browser.
 */
final class Navigation {

    static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";
    static final String X_REQUESTED_WITH = "X-Requested-With";

    private Navigation() {
    }

    static boolean isNavigation(RoutingContext context) {
        MultiMap headers = context.request().headers();
        List<String> modes = headers.getAll(SEC_FETCH_MODE);
        if (!modes.isEmpty()) {
            return modes.size() == 1 && "navigate".equals(modes.get(0).trim());
        }
        if (headers.contains(X_REQUESTED_WITH) || !headers.contains("Accept")) {
            return false;
        }
        try {
            return prefersHtml(context.parsedHeaders().accept());
        } catch (RuntimeException e) {
            return false; // an Accept header Vert.x cannot parse asks for nothing in particular
        }
    }

    private static boolean prefersHtml(List<MIMEHeader> accepted) {
        float html = 0;
        float json = 0;
        boolean xhtml = false;
        for (MIMEHeader type : accepted) {
            float weight = type.weight(); // first: Vert.x parses the value lazily, and only weight() makes it do so
            String component = type.component();
            String sub = type.subComponent();
            boolean isXhtml = "application".equalsIgnoreCase(component) && "xhtml+xml".equalsIgnoreCase(sub);
            if ("text".equalsIgnoreCase(component) && "html".equalsIgnoreCase(sub) || isXhtml) {
                html = Math.max(html, weight);
                xhtml |= isXhtml && weight > 0;
            } else if ("application".equalsIgnoreCase(component)
                    && ("json".equalsIgnoreCase(sub) || sub != null && sub.toLowerCase(Locale.ROOT).endsWith("+json"))) {
                json = Math.max(json, weight);
            }
        }
        return xhtml && html > 0 && html > json;
    }
}
