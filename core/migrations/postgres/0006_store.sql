-- What the store needs to open a database and to write as the system.

-- The schema version, readable by every login (appraise_migration is not):
-- the store refuses a database older or newer than it knows.
CREATE FUNCTION appraise_schema_version() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT max(version) FROM appraise_migration
$$;

-- The owner's login (the system: setting up, importing staff, the command
-- line of the database administrator) appends with the actor and time core
-- gives, as the SQLite store does: the system acts for whoever it names and
-- keeps its own clock. The chain is made exactly as appraise_audit makes it,
-- under the same lock. A person's login cannot call this (no grant): their
-- rows get the server's time and their own staff number.
CREATE FUNCTION appraise_audit_at(p_actor text, p_at text, p_action text, p_table_name text,
                                  p_record_id text, p_detail text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SET search_path = appraise, pg_temp AS $$
DECLARE
    new_id  bigint;
    prev  text;
BEGIN
    IF NOT appraise_acts_as_owner(session_user) THEN
        RAISE EXCEPTION 'Only the database owner writes the audit trail as the system.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(x'617564697421'::bigint);
    SELECT id, hash INTO new_id, prev FROM audit ORDER BY id DESC LIMIT 1;
    IF NOT FOUND THEN
        new_id := 0;
        prev := '';
    END IF;
    new_id := new_id + 1;
    INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash)
    VALUES (new_id, p_at, p_actor, p_action, p_table_name, p_record_id, p_detail, prev,
            appraise_audit_hash(prev, new_id::text, p_at, p_actor, p_action, p_table_name, p_record_id, p_detail));
    RETURN new_id;
END $$;

REVOKE ALL ON FUNCTION appraise_schema_version(), appraise_audit_at(text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_schema_version() TO {{person}};
