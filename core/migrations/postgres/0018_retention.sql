-- Retention and disposal, as the SQLite store's 0013: each person's case
-- (marked for disposal, held, disposed of), the audit chain hashing a
-- digest of each row's detail (core/src/audit/chain.rs) so disposal can
-- erase a detail and the chain still verify, and the one definer function
-- that disposes of a person's records (core/src/retention/).

-- The digest of each row's detail (SHA-256, hex): the hash covers it in
-- place of the detail.
ALTER TABLE audit ADD COLUMN detail_digest TEXT COLLATE "C" NOT NULL DEFAULT '';

-- Re-hash the chain under the new formula, as core's SQLite migration
-- does (store/audit.rs rehash_with_digests): each row that fits the old
-- formula gets its digest and a new hash; from the first row that does not
-- fit (a chain already broken) rows keep their hashes, so verify still
-- stops there. Then one `audit.rehash` row names the count and the old
-- newest hash.
DROP TRIGGER audit_no_update ON audit;
DO $$
DECLARE
    r         record;
    old_prev  text := '';
    new_prev  text := '';
    fits      boolean := true;
    last_id   bigint := 0;
    done      bigint := 0;
    total     bigint := 0;
    old_head  text;
    digest    text;
    new_hash  text;
    stamp     text;
    detail    text;
BEGIN
    FOR r IN SELECT * FROM audit ORDER BY id LOOP
        total := total + 1;
        old_head := r.hash;
        digest := encode(sha256(convert_to(r.detail, 'UTF8')), 'hex');
        fits := fits AND r.id = last_id + 1 AND r.prev_hash = old_prev
            AND appraise_audit_hash(r.prev_hash, r.id::text, r.at, r.actor, r.action, r.table_name,
                                    r.record_id, r.detail) = r.hash;
        IF fits THEN
            new_hash := appraise_audit_hash(new_prev, r.id::text, r.at, r.actor, r.action, r.table_name,
                                            r.record_id, digest);
            UPDATE audit SET detail_digest = digest, prev_hash = new_prev, hash = new_hash WHERE id = r.id;
            old_prev := r.hash;
            new_prev := new_hash;
            done := done + 1;
        ELSE
            UPDATE audit SET detail_digest = digest WHERE id = r.id;
        END IF;
        last_id := r.id;
    END LOOP;
    IF total > 0 THEN
        SELECT id, hash INTO last_id, new_prev FROM audit ORDER BY id DESC LIMIT 1;
        stamp := to_char(clock_timestamp() AT TIME ZONE
                         (SELECT value FROM appraise_server WHERE key = 'time_zone'), 'YYYY-MM-DD"T"HH24:MI:SS');
        detail := jsonb_build_object('formula', 'hash covers the SHA-256 digest of the detail',
                                     'previous_newest_hash', old_head, 'rows', total,
                                     'rows_rehashed', done)::text;
        digest := encode(sha256(convert_to(detail, 'UTF8')), 'hex');
        INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash, detail_digest)
        VALUES (last_id + 1, stamp, 'system', 'audit.rehash', 'audit', '', detail, new_prev,
                appraise_audit_hash(new_prev, (last_id + 1)::text, stamp, 'system', 'audit.rehash', 'audit', '', digest),
                digest);
    END IF;
END $$;

-- Appending: as before (0003, 0006), with the detail's digest hashed in
-- place of the detail.
CREATE OR REPLACE FUNCTION appraise_audit(p_action text, p_table_name text, p_record_id text, p_detail text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
DECLARE
    who   text;
    new_id  bigint;
    prev  text;
    stamp text;
    digest text := encode(sha256(convert_to(p_detail, 'UTF8')), 'hex');
BEGIN
    SELECT s.staff_number INTO who FROM account a JOIN staff s ON s.id = a.staff_id
    WHERE a.db_login = session_user;
    IF who IS NULL THEN
        IF pg_has_role(session_user, (SELECT value FROM appraise_server WHERE key = 'owner_role'), 'MEMBER') THEN
            who := 'system';
        ELSE
            RAISE EXCEPTION 'This login has no Appraise account.' USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    PERFORM pg_advisory_xact_lock(x'617564697421'::bigint);
    SELECT id, hash INTO new_id, prev FROM audit ORDER BY id DESC LIMIT 1;
    IF NOT FOUND THEN
        new_id := 0;
        prev := '';
    END IF;
    new_id := new_id + 1;
    stamp := to_char(clock_timestamp() AT TIME ZONE
                     (SELECT value FROM appraise_server WHERE key = 'time_zone'), 'YYYY-MM-DD"T"HH24:MI:SS');
    INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash, detail_digest)
    VALUES (new_id, stamp, who, p_action, p_table_name, p_record_id, p_detail, prev,
            appraise_audit_hash(prev, new_id::text, stamp, who, p_action, p_table_name, p_record_id, digest),
            digest);
    RETURN new_id;
END $$;

CREATE OR REPLACE FUNCTION appraise_audit_at(p_actor text, p_at text, p_action text, p_table_name text,
                                             p_record_id text, p_detail text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SET search_path = appraise, pg_temp AS $$
DECLARE
    new_id  bigint;
    prev  text;
    digest text := encode(sha256(convert_to(p_detail, 'UTF8')), 'hex');
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
    INSERT INTO audit (id, at, actor, action, table_name, record_id, detail, prev_hash, hash, detail_digest)
    VALUES (new_id, p_at, p_actor, p_action, p_table_name, p_record_id, p_detail, prev,
            appraise_audit_hash(prev, new_id::text, p_at, p_actor, p_action, p_table_name, p_record_id, digest),
            digest);
    RETURN new_id;
END $$;

-- One row per person whose records are marked for disposal, held, or
-- disposed of (SQLite 0013). `disposing` is true only inside
-- appraise_dispose's transaction.
CREATE TABLE retention_case (
    staff_id      BIGINT  PRIMARY KEY REFERENCES staff(id) ON DELETE RESTRICT,
    rule          TEXT    COLLATE "C" NOT NULL DEFAULT '',
    marked_on     TEXT    COLLATE "C",
    marked_by     TEXT    COLLATE "C",
    mark_reason   TEXT    COLLATE "C" NOT NULL DEFAULT '',
    held_on       TEXT    COLLATE "C",
    held_by       TEXT    COLLATE "C",
    hold_reason   TEXT    COLLATE "C" NOT NULL DEFAULT '',
    disposing     BIGINT  NOT NULL DEFAULT 0 CHECK (disposing IN (0, 1)),
    disposed_at   TEXT    COLLATE "C",
    disposed_by   TEXT    COLLATE "C",
    CHECK ((marked_on IS NULL) = (marked_by IS NULL)),
    CHECK ((held_on IS NULL) = (held_by IS NULL))
);

-- access.rs can_manage_retention: the administrator only, reading and
-- writing; disposing only through appraise_dispose.
ALTER TABLE retention_case ENABLE ROW LEVEL SECURITY;
CREATE POLICY retention_case_administrator ON retention_case FOR ALL
    USING (appraise_is_administrator()) WITH CHECK (appraise_is_administrator() AND disposing = 0);
REVOKE ALL ON retention_case FROM PUBLIC;
GRANT SELECT ON retention_case TO {{person}};
GRANT INSERT (staff_id, rule, marked_on, marked_by, mark_reason, held_on, held_by, hold_reason) ON retention_case
    TO {{person}};
GRANT UPDATE (rule, marked_on, marked_by, mark_reason, held_on, held_by, hold_reason) ON retention_case TO {{person}};
CREATE TRIGGER retention_case_live AFTER INSERT OR UPDATE OR DELETE ON retention_case
FOR EACH STATEMENT EXECUTE FUNCTION appraise_notify_changed();

-- Is this person's disposal under way (in this transaction)?
CREATE FUNCTION appraise_disposing(of_staff bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM retention_case WHERE staff_id = of_staff AND disposing = 1)
$$;

-- Append-only, but for disposal: a detail may become the erased marker,
-- digest and every other column unchanged, while a disposal is under way.
CREATE FUNCTION appraise_audit_erase_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = appraise, pg_temp AS $$
BEGIN
    IF NEW.detail = '{"erased":"disposal"}'
       AND (to_jsonb(NEW) - 'detail') = (to_jsonb(OLD) - 'detail')
       AND EXISTS (SELECT 1 FROM retention_case WHERE disposing = 1) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit trail cannot be changed.' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
FOR EACH ROW EXECUTE FUNCTION appraise_audit_erase_only();

-- A signed appraisal stays locked (0002), but for the disposal of its
-- appraisee's records, which removes it.
CREATE OR REPLACE FUNCTION appraise_appraisal_signed_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND appraise_disposing(OLD.appraisee_id) THEN
        RETURN OLD;
    END IF;
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'appraisal is signed and locked' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION appraise_part_signed_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Disposal removes the rows, and first cuts their links to each other.
    IF (TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.appraisal_id = OLD.appraisal_id))
       AND appraise_disposing((SELECT appraisee_id FROM appraisal WHERE id = OLD.appraisal_id)) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF (TG_OP <> 'INSERT' AND (SELECT status FROM appraisal WHERE id = OLD.appraisal_id) = 'signed')
       OR (TG_OP <> 'DELETE' AND (SELECT status FROM appraisal WHERE id = NEW.appraisal_id) = 'signed') THEN
        RAISE EXCEPTION 'appraisal is signed and locked' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

-- Disposes of one person's records (core/src/retention/dispose.rs does the
-- same on a file, statement for statement): the administrator's login or
-- the owner's, for a person marked and not held (core checks the grace
-- period and says why first). Removes their records, clears their staff
-- row down to the staff number, erases the given audit details, and
-- leaves the case disposed. The tombstone is core's audit row after.
CREATE FUNCTION appraise_dispose(p_staff_id bigint, p_audit_ids text, p_at text, p_by text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
DECLARE
    item   bigint;
    login  text;
BEGIN
    IF NOT (appraise_is_administrator() OR appraise_acts_as_owner(session_user)) THEN
        RAISE EXCEPTION 'Only the administrator can dispose of records.' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE retention_case SET disposing = 1
    WHERE staff_id = p_staff_id AND marked_on IS NOT NULL AND held_on IS NULL AND disposed_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'These records are not marked for disposal, or are held.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- A reviewed objective names last year's objective, a plan item the
    -- one it was carried from: those links are cut first.
    UPDATE appraisal_previous_objective SET source_objective_id = NULL
    WHERE source_objective_id IS NOT NULL AND appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    UPDATE appraisal_pdp_item SET origin_id = NULL
    WHERE origin_id IS NOT NULL AND appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    DELETE FROM pdp_progress WHERE pdp_item_id IN (
        SELECT i.id FROM appraisal_pdp_item i JOIN appraisal a ON a.id = i.appraisal_id WHERE a.appraisee_id = p_staff_id);
    DELETE FROM cpd_entry WHERE staff_id = p_staff_id;
    DELETE FROM appraisal_previous_objective WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    DELETE FROM appraisal_objective WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    DELETE FROM appraisal_skill WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    DELETE FROM appraisal_kpi_objective WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    DELETE FROM appraisal_wellbeing WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    DELETE FROM appraisal_pay_criterion WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    DELETE FROM appraisal_pdp_item WHERE appraisal_id IN (SELECT id FROM appraisal WHERE appraisee_id = p_staff_id);
    -- Newest version first: a version names the one it supersedes.
    FOR item IN SELECT id FROM appraisal WHERE appraisee_id = p_staff_id ORDER BY version DESC, id DESC LOOP
        DELETE FROM appraisal WHERE id = item;
    END LOOP;
    DELETE FROM nccq_course WHERE staff_id = p_staff_id;
    DELETE FROM nccq_exam_attempt WHERE staff_id = p_staff_id;
    DELETE FROM ihrim_membership WHERE staff_id = p_staff_id;
    DELETE FROM training_record WHERE staff_id = p_staff_id;
    DELETE FROM pay_step_standard WHERE staff_id = p_staff_id;
    DELETE FROM pay_step_review WHERE staff_id = p_staff_id;
    DELETE FROM coding_audit WHERE staff_id = p_staff_id;
    SELECT db_login INTO login FROM account WHERE staff_id = p_staff_id;
    DELETE FROM account WHERE staff_id = p_staff_id;
    IF login IS NOT NULL THEN
        BEGIN
            EXECUTE format('ALTER ROLE %I NOLOGIN', login);
        EXCEPTION WHEN OTHERS THEN
            NULL;  -- the account is gone: the login can do nothing in Appraise
        END;
    END IF;
    UPDATE staff SET job_title = '', manager_id = NULL, acc_date = NULL, band_entered = NULL,
                     nccq_pathway = NULL, last_appraisal_before = NULL
    WHERE id = p_staff_id;
    -- Their name goes too, unless it is part of someone else's record: a
    -- signed appraisal prints its appraiser's, re-opener's and pay
    -- confirmer's names from this row.
    UPDATE staff SET forename = 'Disposed', surname = 'record'
    WHERE id = p_staff_id AND NOT EXISTS (
        SELECT 1 FROM appraisal a WHERE a.appraisee_id <> p_staff_id
          AND (a.appraiser_id = p_staff_id OR a.reopened_by = staff.staff_number
               OR a.appraiser_signed_by = staff.staff_number))
      AND NOT EXISTS (
        SELECT 1 FROM appraisal_pay_criterion c JOIN appraisal a ON a.id = c.appraisal_id
        WHERE a.appraisee_id <> p_staff_id AND c.confirmed_by = staff.staff_number);
    UPDATE audit SET detail = '{"erased":"disposal"}' WHERE id = ANY(string_to_array(p_audit_ids, ',')::bigint[]) AND detail <> '{"erased":"disposal"}';
    UPDATE retention_case SET disposing = 0, disposed_at = p_at, disposed_by = p_by, mark_reason = '', hold_reason = ''
    WHERE staff_id = p_staff_id;
END $$;

REVOKE ALL ON FUNCTION appraise_disposing(bigint), appraise_audit_erase_only(), appraise_dispose(bigint, text, text, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_disposing(bigint), appraise_audit_erase_only(), appraise_dispose(bigint, text, text, text)
    TO {{person}};
