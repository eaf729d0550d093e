-- Tenant isolation in the database itself: the application works as the role lotse_app, and
-- row-level security on every tenant table limits it to the district set for the connection
-- (lotse.district_id). Without a district (start-up, sign-in, jobs) the role sees all rows;
-- in a district's request it sees nothing of another district, whatever the query says.

DO $$
BEGIN
  CREATE ROLE lotse_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
  NULL; -- roles belong to the cluster; another database created it already
END
$$;

-- The migrating user must be able to SET ROLE lotse_app (a superuser can anyway).
DO $$
BEGIN
  EXECUTE format('GRANT lotse_app TO %I', current_user);
EXCEPTION WHEN duplicate_object OR invalid_grant_operation THEN
  NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO lotse_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lotse_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lotse_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lotse_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lotse_app;

-- The audit trail is append-only for the application; schema bookkeeping is not its business.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM lotse_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON lotse_migration FROM lotse_app;

-- The district of the connection, or NULL when none is set.
CREATE FUNCTION lotse_current_district() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('lotse.district_id', true), '')::uuid
$$;

-- For this and later migrations: isolate a table by its district_id column (or id, for district).
CREATE FUNCTION lotse_isolate_tenant_table(target regclass, key_column name DEFAULT 'district_id')
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (lotse_current_district() IS NULL OR %I = lotse_current_district()) '
    'WITH CHECK (lotse_current_district() IS NULL OR %I = lotse_current_district())',
    target, key_column, key_column);
END
$$;

SELECT lotse_isolate_tenant_table('district', 'id');
SELECT lotse_isolate_tenant_table(c.table_name::regclass)
FROM information_schema.columns c
JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
WHERE c.table_schema = 'public' AND c.column_name = 'district_id' AND t.table_type = 'BASE TABLE'
ORDER BY c.table_name;
