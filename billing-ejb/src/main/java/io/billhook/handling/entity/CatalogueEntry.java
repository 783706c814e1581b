package io.billhook.handling.entity;

/** One line of the event catalogue: a handled type, its lane, what it does, and the class that does it. */
public record CatalogueEntry(String provider, String type, Lane lane, String effect, String handler) {
}
