package dev.hearth.core.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type and body. */
public record ApiResponse(int status, String contentType, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    public ApiResponse {
        body = body.clone();
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, Json.bytes(value));
    }

    public static ApiResponse ok(Object value) {
        return json(200, value);
    }

    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": {"code": ..., "message": ...}}}. */
    public static ApiResponse error(int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return json(status, Map.of("error", error));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
