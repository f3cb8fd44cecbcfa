package io.microai.cli.gen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays panels out on Grafana's 24-column grid, left to right under row headers, and numbers them in
 * order, so positions and ids follow from the order panels are added.
 */
final class PanelGrid {
    private static final int COLUMNS = 24;

    private final List<Object> panels = new ArrayList<>();
    private int nextId = 1;
    private int x;
    private int y;
    private int rowHeight;

    PanelGrid row(String title) {
        newLine();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("collapsed", false);
        row.put("gridPos", gridPos(COLUMNS, 1));
        row.put("id", nextId++);
        row.put("panels", List.of());
        row.put("title", title);
        row.put("type", "row");
        panels.add(row);
        y += 1;
        return this;
    }

    PanelGrid add(Panel panel, int width, int height) {
        if (x + width > COLUMNS) {
            newLine();
        }
        panels.add(panel.toJson(nextId++, gridPos(width, height)));
        x += width;
        rowHeight = Math.max(rowHeight, height);
        return this;
    }

    List<Object> panels() {
        return panels;
    }

    private void newLine() {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
    }

    private Map<String, Object> gridPos(int w, int h) {
        Map<String, Object> pos = new LinkedHashMap<>();
        pos.put("h", h);
        pos.put("w", w);
        pos.put("x", x);
        pos.put("y", y);
        return pos;
    }
}
