-- An account whose password was handed out (the demo administrator's,
-- printed at start-up) must choose its own before doing anything else.
-- 1: must change; 0: the password is the person's own.
ALTER TABLE users ADD COLUMN password_change_required BIGINT NOT NULL DEFAULT 0;
-- The demo administrator of an existing install had its password printed
-- at an earlier start: it too must choose its own.
UPDATE users SET password_change_required = 1
WHERE email = 'admin@demo.example.org'
  AND tenant_id IN (SELECT id FROM tenants WHERE slug = 'demo');
