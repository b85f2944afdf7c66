-- Every person's own database login: made with their account, its
-- password their passphrase, changed when the passphrase is. Core sends
-- only a SCRAM-SHA-256 verifier (server/login.rs), never the passphrase.
--
-- Login names are the cluster's, shared by every database on the server,
-- so each carries its database's name: <database>_<staff number>. A
-- person's login cannot make roles, so the administrator (through the
-- window) makes them through the definer functions below, which run as
-- {{owner}}; {{owner}} therefore may create roles (CREATEROLE). On
-- PostgreSQL 15 that lets it create any role that is not a superuser, set
-- the password of one and grant membership in one; the functions use it
-- only for logins in {{person}}, named by the rule below.
--
-- Migrations run as {{owner}}, which cannot give itself CREATEROLE: the
-- login running `server init` or `server migrate` (the database's owner,
-- which has CREATEROLE) gives it, then the rest runs as {{owner}} again.
RESET ROLE;
ALTER ROLE {{owner}} CREATEROLE;
SET LOCAL ROLE {{owner}};

-- The login of the person with this staff number in this database:
-- <database>_<staff number>, within PostgreSQL's 63 bytes. A staff number
-- is at most 20 letters, digits and hyphens (staff/validate.rs: no
-- underscore, so the name splits one way); when the whole would be longer,
-- the database's name is shortened and 8 hex digits of its MD5 follow it,
-- so two long names that begin alike still differ. The case is kept.
CREATE FUNCTION appraise_login_name(p_staff_number text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = appraise, pg_temp AS $$
DECLARE
    db     text := current_database();
    short  text := current_database();
BEGIN
    IF octet_length(db) + 1 + octet_length(p_staff_number) <= 63 THEN
        RETURN db || '_' || p_staff_number;
    END IF;
    WHILE octet_length(short) + 10 + octet_length(p_staff_number) > 63 LOOP
        short := left(short, -1);
    END LOOP;
    RETURN short || '_' || left(md5(db), 8) || '_' || p_staff_number;
END $$;

-- A SCRAM-SHA-256 verifier, never a password in clear text: the server
-- stores it as it is, so no passphrase reaches it or its log.
CREATE FUNCTION appraise_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = appraise, pg_temp AS $$
BEGIN
    IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'A login''s password is given only as a SCRAM-SHA-256 verifier.'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END $$;

-- access.rs can_manage_accounts (accounts/admin.rs create_account, and the
-- first run): the administrator, or the system (the owner's login), gives
-- the staff member whose account was just made their login, a member of
-- {{person}}, its password the verifier of their first passphrase, and
-- records it in account.db_login (which no person may write). Returns the
-- login's name. An account that has a login already is refused, as is a
-- name some other role has taken (the database administrator drops it).
CREATE FUNCTION appraise_create_login(p_staff_id bigint, p_verifier text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
DECLARE
    number  text;
    login   text;
BEGIN
    IF NOT (appraise_is_administrator() OR appraise_acts_as_owner(session_user)) THEN
        RAISE EXCEPTION 'Only the administrator can give people their logins.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM appraise_check_verifier(p_verifier);
    SELECT s.staff_number INTO number FROM account a JOIN staff s ON s.id = a.staff_id
    WHERE a.staff_id = p_staff_id AND a.db_login IS NULL FOR UPDATE OF a;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Staff id % has no account waiting for a login.', p_staff_id
            USING ERRCODE = 'no_data_found';
    END IF;
    login := appraise_login_name(number);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'The database login % already exists; the database administrator removes it (DROP ROLE) before this account can have it.', login
            USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I PASSWORD %L', login,
                   (SELECT value FROM appraise_server WHERE key = 'person_role'), p_verifier);
    UPDATE account SET db_login = login WHERE staff_id = p_staff_id;
    RETURN login;
END $$;

-- access.rs can_manage_accounts (accounts/admin.rs reset_passphrase) for
-- anyone's login, or the person themselves for their own
-- (accounts/passphrase.rs change_passphrase, which needs no access.rs
-- check: it is always one's own): the login's password becomes the
-- verifier of the new passphrase. An account without a login yet (one
-- carried over by a transfer) is given one, as appraise_create_login does.
CREATE FUNCTION appraise_set_password(p_staff_id bigint, p_verifier text) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = appraise, pg_temp AS $$
DECLARE
    login  text;
BEGIN
    IF NOT (appraise_is_administrator() OR appraise_acts_as_owner(session_user)
            OR p_staff_id = appraise_me()) THEN
        RAISE EXCEPTION 'Only the administrator can change someone else''s passphrase.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM appraise_check_verifier(p_verifier);
    SELECT db_login INTO login FROM account WHERE staff_id = p_staff_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Staff id % has no account.', p_staff_id USING ERRCODE = 'no_data_found';
    END IF;
    IF login IS NULL THEN
        RETURN appraise_create_login(p_staff_id, p_verifier);
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, p_verifier);
    RETURN login;
END $$;

REVOKE ALL ON FUNCTION appraise_login_name(text), appraise_check_verifier(text),
    appraise_create_login(bigint, text), appraise_set_password(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION appraise_login_name(text), appraise_create_login(bigint, text),
    appraise_set_password(bigint, text) TO {{person}};

-- account.db_login is written only by the functions above: an
-- administrator adding an account by hand names no login (0003 granted
-- INSERT on every column).
REVOKE INSERT ON account FROM {{person}};
GRANT INSERT (staff_id, role, passphrase_hash, failed_attempts, last_failed_at, locked_until, must_change,
              created_at) ON account TO {{person}};
