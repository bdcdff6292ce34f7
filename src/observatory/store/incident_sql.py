"""The statements of the fusion stage's tables (incidents, event_incidents, article_copies), in SQL that
SQLite and PostgreSQL both run; ``?`` placeholders, turned into the backend's own by ``Store.sql``. The tables
themselves are created by each backend's schema migration."""

from __future__ import annotations

SQL = {
    "articles": "SELECT id, source, url, published, text FROM articles",
    "articles_published": (
        "SELECT id, source, url, published, text FROM articles WHERE published BETWEEN ? AND ?"
    ),
    "articles_by_id": "SELECT id, source, url, published, text FROM articles WHERE id IN ({ids})",
    "events_all": "SELECT e.record, e.article_id FROM events e ORDER BY e.date_start, e.article_id, e.id",
    "events_window": "SELECT e.record, e.article_id, l.incident_id FROM events e "
    "LEFT JOIN event_incidents l ON l.event_id = e.id "
    "WHERE e.date_end >= ? AND e.date_start <= ? ORDER BY e.date_start, e.article_id, e.id",
    "events_of_articles": "SELECT e.record, e.article_id FROM events e WHERE e.article_id IN ({ids})",
    "clear_links": "DELETE FROM event_incidents",
    "clear_incidents": "DELETE FROM incidents",
    "clear_copies": "DELETE FROM article_copies",
    "link": "INSERT INTO event_incidents (event_id, incident_id) VALUES (?, ?) "
    "ON CONFLICT (event_id) DO UPDATE SET incident_id = excluded.incident_id",
    "link_event": "UPDATE events SET incident_id = ? WHERE id = ?",
    "unfused_articles": "SELECT DISTINCT article_id FROM events WHERE incident_id IS NULL",
    "clear_event_links": "UPDATE events SET incident_id = NULL WHERE incident_id IS NOT NULL",
    "copy": "INSERT INTO article_copies (article_id, original_id) VALUES (?, ?) "
    "ON CONFLICT (article_id) DO UPDATE SET original_id = excluded.original_id",
    "copies": "SELECT article_id, original_id FROM article_copies",
    "stale_incidents": "SELECT DISTINCT incident_id FROM event_incidents WHERE NOT EXISTS "
    "(SELECT 1 FROM events e WHERE e.id = event_incidents.event_id)",
    "drop_stale_links": "DELETE FROM event_incidents WHERE NOT EXISTS "
    "(SELECT 1 FROM events e WHERE e.id = event_incidents.event_id)",
    "drop_empty_incidents": "DELETE FROM incidents WHERE NOT EXISTS "
    "(SELECT 1 FROM event_incidents l WHERE l.incident_id = incidents.id)",
    "drop_incident": "DELETE FROM incidents WHERE id = ?",
    "upsert_incident": "INSERT INTO incidents (id, event_type, start_date, end_date, location_name, "
    "location_country, lat, lon, n_events, n_articles, n_sources, record) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
    "event_type = excluded.event_type, start_date = excluded.start_date, "
    "end_date = excluded.end_date, location_name = excluded.location_name, "
    "location_country = excluded.location_country, lat = excluded.lat, lon = excluded.lon, "
    "n_events = excluded.n_events, n_articles = excluded.n_articles, "
    "n_sources = excluded.n_sources, record = excluded.record",
    "incident_events": "SELECT e.record, e.article_id FROM events e "
    "JOIN event_incidents l ON l.event_id = e.id "
    "WHERE l.incident_id = ?",
    "incident_ids_of_events": "SELECT event_id, incident_id FROM event_incidents WHERE event_id IN ({ids})",
    "incident": "SELECT record FROM incidents WHERE id = ?",
    "incidents": "SELECT record FROM incidents WHERE 1 = 1{where} ORDER BY start_date, id",
    "incidents_near": "SELECT i.record FROM incidents i "
    "WHERE i.lat BETWEEN ? AND ? AND i.lon BETWEEN ? AND ? "
    "ORDER BY i.start_date, i.id",
    "control_events": "SELECT e.record, e.article_id, l.incident_id FROM events e "
    "LEFT JOIN event_incidents l ON l.event_id = e.id "
    "WHERE (e.mode = 'occupy' OR e.event_type = 'RETREAT') "
    "AND ((e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?) OR lower(e.location_name) = ?) "
    "ORDER BY e.date_start, e.article_id, e.id",
}
