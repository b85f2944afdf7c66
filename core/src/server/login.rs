//! A person's own database login: its name, and the SQL that creates it or
//! changes its password. The password goes to the server only as a
//! SCRAM-SHA-256 verifier, never as the passphrase, so the passphrase never
//! reaches the server's log; the server stores the verifier as it is.

/// What every person's login starts with; the staff number follows.
pub const LOGIN_PREFIX: &str = "appraise_";

/// The login of the person with this staff number: `appraise_100004`. A
/// staff number is at most 20 letters, digits and hyphens (see
/// `staff::validate`), so the name stays well inside PostgreSQL's 63 bytes;
/// its case is kept, as staff numbers are told apart by case.
pub fn login_name(staff_number: &str) -> String {
    format!("{LOGIN_PREFIX}{staff_number}")
}

/// `CREATE ROLE "login" LOGIN IN ROLE "group" PASSWORD 'SCRAM-SHA-256$…'`:
/// a login that may connect, a member of the people's group (whose grants
/// and row-level policies apply to it), with the passphrase as its password.
pub fn create_login_sql(login: &str, passphrase: &str, group: &str) -> String {
    format!(
        "CREATE ROLE {} LOGIN IN ROLE {} PASSWORD {}",
        quote_identifier(login),
        quote_identifier(group),
        quote_literal(&verifier(passphrase))
    )
}

/// `ALTER ROLE "login" PASSWORD 'SCRAM-SHA-256$…'`: the new passphrase
/// becomes the login's password.
pub fn change_password_sql(login: &str, passphrase: &str) -> String {
    format!(
        "ALTER ROLE {} PASSWORD {}",
        quote_identifier(login),
        quote_literal(&verifier(passphrase))
    )
}

/// An SQL identifier in double quotes, a double quote inside it doubled, so
/// any name is one identifier and its case is kept.
pub fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An SQL string literal, a single quote inside it doubled; with a
/// backslash, an `E''` literal with the backslash doubled, so it reads the
/// same whatever `standard_conforming_strings` says.
fn quote_literal(text: &str) -> String {
    let quoted = text.replace('\'', "''");
    if quoted.contains('\\') {
        format!("E'{}'", quoted.replace('\\', "\\\\"))
    } else {
        format!("'{quoted}'")
    }
}

/// `SCRAM-SHA-256$4096:SALT$STOREDKEY:SERVERKEY`, with a fresh random salt,
/// the passphrase SASLprep-normalised as the server does: what a definer
/// function that creates logins would take as its argument.
pub fn verifier(passphrase: &str) -> String {
    postgres_protocol::password::scram_sha_256(passphrase.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use postgres_protocol::authentication::sasl::{ChannelBinding, ScramSha256};
    use sha2::{Digest, Sha256};

    /// The verifier literal in a statement: what follows `PASSWORD '`.
    fn verifier_in(sql: &str) -> String {
        let start = sql.find("PASSWORD '").expect("a PASSWORD literal") + "PASSWORD '".len();
        let end = sql[start..].find('\'').expect("the literal closes") + start;
        sql[start..end].to_owned()
    }

    fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
        // HMAC-SHA-256 (RFC 2104); the keys here are 32 bytes, shorter than a block.
        let mut block = [0u8; 64];
        block[..key.len()].copy_from_slice(key);
        let inner = Sha256::new()
            .chain_update(block.map(|b| b ^ 0x36))
            .chain_update(message)
            .finalize();
        Sha256::new()
            .chain_update(block.map(|b| b ^ 0x5c))
            .chain_update(inner)
            .finalize()
            .into()
    }

    /// Plays the server's side of a SCRAM-SHA-256 sign-in, holding only
    /// `verifier`, against postgres-protocol's client typing `passphrase`:
    /// whether the server would let the client in.
    fn server_accepts(verifier: &str, passphrase: &str) -> bool {
        let (iterations_salt, keys) = verifier
            .strip_prefix("SCRAM-SHA-256$")
            .and_then(|rest| rest.split_once('$'))
            .expect("SCRAM-SHA-256$ITERATIONS:SALT$STOREDKEY:SERVERKEY");
        let (iterations, salt) = iterations_salt.split_once(':').expect("ITERATIONS:SALT");
        let (stored_key, server_key) = keys.split_once(':').expect("STOREDKEY:SERVERKEY");
        let stored_key = STANDARD.decode(stored_key).expect("base64 stored key");
        let server_key = STANDARD.decode(server_key).expect("base64 server key");

        let mut client = ScramSha256::new(passphrase.as_bytes(), ChannelBinding::unsupported());
        let client_first = String::from_utf8(client.message().to_vec()).unwrap();
        let client_first_bare = client_first
            .strip_prefix("n,,")
            .expect("a gs2 header without channel binding");
        let client_nonce = client_first_bare.strip_prefix("n=,r=").expect("a client nonce");
        let server_first = format!("r={client_nonce}ServerNonce,s={salt},i={iterations}");
        client
            .update(server_first.as_bytes())
            .expect("the client takes the salt");
        let client_final = String::from_utf8(client.message().to_vec()).unwrap();
        let (without_proof, proof) = client_final.rsplit_once(",p=").expect("a client proof");
        let proof = STANDARD.decode(proof).expect("base64 proof");

        let auth_message = format!("{client_first_bare},{server_first},{without_proof}");
        let signature = hmac(&stored_key, auth_message.as_bytes());
        let client_key: Vec<u8> = proof.iter().zip(signature).map(|(p, s)| p ^ s).collect();
        if Sha256::digest(&client_key).as_slice() != stored_key.as_slice() {
            return false;
        }
        // The server proves it holds the verifier too; the client checks.
        let server_signature = STANDARD.encode(hmac(&server_key, auth_message.as_bytes()));
        client.finish(format!("v={server_signature}").as_bytes()).is_ok()
    }

    #[test]
    fn a_login_is_named_after_the_staff_number() {
        assert_eq!(login_name("100004"), "appraise_100004");
        assert_eq!(login_name("AB-12"), "appraise_AB-12", "the case is kept");
    }

    #[test]
    fn creating_a_login_sends_a_scram_verifier_and_never_the_passphrase() {
        for passphrase in [
            "correct horse battery",
            "it's a 'quoted' one",
            "back\\slash and ünïcödé",
        ] {
            let sql = create_login_sql("appraise_100004", passphrase, "appraise_people");
            assert!(
                sql.starts_with(
                    "CREATE ROLE \"appraise_100004\" LOGIN IN ROLE \"appraise_people\" PASSWORD 'SCRAM-SHA-256$4096:"
                ),
                "the statement's shape: {sql}"
            );
            assert!(!sql.contains(passphrase), "the passphrase is not in the SQL: {sql}");
            for word in passphrase.split(' ').filter(|w| w.len() > 3) {
                assert!(
                    !sql.contains(word),
                    "no part of the passphrase ({word}) is in the SQL: {sql}"
                );
            }
            assert!(
                server_accepts(&verifier_in(&sql), passphrase),
                "the verifier accepts the passphrase"
            );
            assert!(
                !server_accepts(&verifier_in(&sql), "wrong passphrase"),
                "and nothing else"
            );
        }
    }

    #[test]
    fn changing_a_password_sends_a_verifier_of_the_new_passphrase() {
        let sql = change_password_sql("appraise_100004", "a brand new passphrase");
        assert!(
            sql.starts_with("ALTER ROLE \"appraise_100004\" PASSWORD 'SCRAM-SHA-256$"),
            "{sql}"
        );
        assert!(!sql.contains("brand new"), "the passphrase is not in the SQL: {sql}");
        assert!(server_accepts(&verifier_in(&sql), "a brand new passphrase"));
        assert!(!server_accepts(&verifier_in(&sql), "the old passphrase"));
    }

    #[test]
    fn every_verifier_has_a_fresh_salt() {
        let first = verifier_in(&change_password_sql("appraise_1", "same passphrase"));
        let second = verifier_in(&change_password_sql("appraise_1", "same passphrase"));
        assert_ne!(first, second, "the same passphrase gives different verifiers");
    }

    #[test]
    fn identifiers_are_quoted_with_inner_double_quotes_doubled() {
        assert_eq!(quote_identifier("appraise_100004"), "\"appraise_100004\"");
        assert_eq!(
            quote_identifier("a\"b; DROP TABLE staff"),
            "\"a\"\"b; DROP TABLE staff\""
        );
        let sql = create_login_sql("x\" SUPERUSER --", "passphrase", "people\"");
        assert!(
            sql.starts_with("CREATE ROLE \"x\"\" SUPERUSER --\" LOGIN IN ROLE \"people\"\"\" PASSWORD '"),
            "a hostile name stays one identifier: {sql}"
        );
    }

    #[test]
    fn literals_are_quoted_with_inner_quotes_and_backslashes_doubled() {
        assert_eq!(
            quote_literal("SCRAM-SHA-256$4096:abc=$d:e"),
            "'SCRAM-SHA-256$4096:abc=$d:e'"
        );
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal("a\\'b"), "E'a\\\\''b'");
    }
}
