package dev.hearth.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Serves the web page's files from the class path ({@code hearth/web/}); nothing from disk. */
public final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");
    private final String root;
    private final Map<String, ApiResponse> cache = new ConcurrentHashMap<>();

    public StaticFiles(String root) {
        this.root = root.endsWith("/") ? root : root + "/";
    }

    /** Adds {@code GET /} (index.html) and {@code GET /static/{file}} to the router. */
    public Router routes(Router router) {
        router.sync("GET", "/", Router.Access.PUBLIC, r -> file("index.html"));
        router.sync("GET", "/static/{file}", Router.Access.PUBLIC, r -> file(r.pathParam("file")));
        return router;
    }

    ApiResponse file(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) throw ApiException.notFound("no such file");
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(root + n)) {
                if (in == null) throw ApiException.notFound("no such file: " + n);
                String ext = n.substring(n.lastIndexOf('.') + 1);
                return new ApiResponse(200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
