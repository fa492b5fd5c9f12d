-- An account whose password was handed out (the demo administrator's,
-- printed at start-up) must choose its own before doing anything else.
-- 1: must change; 0: the password is the person's own.
ALTER TABLE users ADD COLUMN password_change_required BIGINT NOT NULL DEFAULT 0;
