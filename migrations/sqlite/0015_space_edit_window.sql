-- How long authors may edit their ideas, set per space (was 24 h everywhere).
ALTER TABLE spaces ADD COLUMN edit_window_hours INTEGER NOT NULL DEFAULT 24
    CHECK (edit_window_hours BETWEEN 0 AND 720);
