package io.quarkiverse.authgateway.runtime.forward;

/**
 * One instance of an upstream service: where a forwarded request goes.
 *
 * @param host a host name or IP address (IPv6 without brackets)
 * @param port the port
 * @param ssl whether the connection uses TLS
 */
public record UpstreamInstance(String host, int port, boolean ssl) {

    /** The instance as {@code host:port}, for logs. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
