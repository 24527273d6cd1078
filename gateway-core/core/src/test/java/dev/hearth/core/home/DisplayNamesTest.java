package dev.hearth.core.home;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNamesTest {

    @Test
    void acceptsOneToFortyCharactersAfterStripping() {
        assertThat(DisplayNames.problem("a")).isEmpty();
        assertThat(DisplayNames.problem("  Bedroom  ")).isEmpty();
        assertThat(DisplayNames.problem("x".repeat(40))).isEmpty();
        assertThat(DisplayNames.problem(" " + "x".repeat(40) + "\t")).isEmpty();
        assertThat(DisplayNames.clean("  Bedroom  ")).isEqualTo("Bedroom");
    }

    @Test
    void refusesEmptyBlankAndTooLongNames() {
        assertThat(DisplayNames.problem("")).hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(DisplayNames.problem("   \t ")).hasValueSatisfying(p -> assertThat(p).contains("empty"));
        assertThat(DisplayNames.problem("x".repeat(41))).hasValueSatisfying(p -> assertThat(p).contains("40"));
        assertThat(DisplayNames.problem(null)).isPresent();
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDECF"; // a bed: one code point, two chars
        assertThat(DisplayNames.problem(emoji.repeat(40))).isEmpty();
        assertThat(DisplayNames.problem(emoji.repeat(41))).isPresent();
        assertThat(DisplayNames.problem("卧室".repeat(20))).isEmpty();
    }

    @Test
    void refusesControlCharactersInside() {
        assertThat(DisplayNames.problem("bed\nroom")).hasValueSatisfying(p -> assertThat(p).contains("control"));
        assertThat(DisplayNames.problem("bed\u0000room")).isPresent();
        assertThat(DisplayNames.problem("bed\u007Froom")).isPresent();
        assertThat(DisplayNames.problem("bed\u2028room")).isPresent();
    }

    @Test
    void keyIgnoresCaseForAsciiAndNonAscii() {
        assertThat(DisplayNames.key("Bedroom")).isEqualTo(DisplayNames.key("BEDROOM"));
        assertThat(DisplayNames.key("Ärztezimmer")).isEqualTo(DisplayNames.key("ärztezimmer"));
        assertThat(DisplayNames.key("Straße")).isEqualTo(DisplayNames.key("STRASSE"));
        assertThat(DisplayNames.key("ΣΑΛΌΝΙ")).isEqualTo(DisplayNames.key("σαλόνι"));
        assertThat(DisplayNames.key("Salle à manger")).isEqualTo(DisplayNames.key("SALLE A\u0300 MANGER"));
        assertThat(DisplayNames.key("Kitchen")).isNotEqualTo(DisplayNames.key("Bedroom"));
    }

    @Test
    void keyDoesNotDependOnTheDefaultLocale() {
        // Turkish dotted/dotless i: with Locale.ROOT "TITLE" and "title" still collide.
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertThat(DisplayNames.key("TITLE")).isEqualTo(DisplayNames.key("title"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }
}
