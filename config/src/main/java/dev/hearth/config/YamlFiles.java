package dev.hearth.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a YAML file into a tree, turning every way that can fail (missing, unreadable, too large, not
 * UTF-8, broken YAML, duplicate keys) into a problem at the file's path instead of an exception.
 */
final class YamlFiles {
    /** A config or secrets file is a few KB; refuse anything absurd before parsing it. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlFiles() {
    }

    /** The file's text, or empty after a problem. */
    static Optional<String> readText(Path file, Problems problems) {
        String where = file.toString();
        try {
            if (Files.isDirectory(file)) {
                problems.add(where, "is a directory, not a file");
                return Optional.empty();
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                problems.add(where, "is " + size + " bytes; a config file may be at most " + MAX_FILE_BYTES);
                return Optional.empty();
            }
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString());
        } catch (NoSuchFileException e) {
            problems.add(where, "file not found");
        } catch (AccessDeniedException e) {
            problems.add(where, "cannot read the file: permission denied");
        } catch (CharacterCodingException e) {
            problems.add(where, "is not UTF-8 text");
        } catch (IOException e) {
            problems.add(where, "cannot read the file: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The YAML tree, or empty after a problem. {@code where} names the source in problems. Parser messages
     * are reduced to their first line plus line and column; the parser's snippet of the offending text is
     * left out so that a broken secrets file cannot echo a secret.
     */
    static Optional<JsonNode> parse(String text, String where, Problems problems) {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                problems.add(where, "is empty");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JacksonException e) {
            problems.add(where, "invalid YAML" + at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
            return Optional.empty();
        } catch (RuntimeException e) {
            // SnakeYAML's own limits (nesting, aliases) surface as unchecked exceptions.
            problems.add(where, "invalid YAML: " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) return "unreadable";
        return message.strip().lines().findFirst().orElse("unreadable").strip();
    }
}
