package dev.hearth.core.http;

/** What the HTTP server counts, for the gateway's metrics. */
public interface HttpCounters {
    void request(String route, int status);

    void badRequest(String reason);

    HttpCounters NONE = new HttpCounters() {
        @Override public void request(String route, int status) { }
        @Override public void badRequest(String reason) { }
    };
}
