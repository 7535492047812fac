package org.openbanking.consent.model;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Short lists of codes and ids stored as one comma-separated column. Values never contain commas: codes are enums and
 * ids are validated against {@code [A-Za-z0-9._~-]}.
 */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> values) {
        return values == null ? null : String.join(",", values);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        return column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
    }
}
