package dev.hearth.core.access;

/** The whole home. Use {@link Scope#HOME}. */
public record HomeScope() implements Scope {
    @Override
    public String key() {
        return "home";
    }
}
