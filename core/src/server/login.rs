//! A person's own database login: the password the server is given for
//! it. The password goes to the server only as a SCRAM-SHA-256 verifier,
//! never as the passphrase, so the passphrase never reaches the server or
//! its log; the server stores the verifier as it is.
//!
//! The server makes and changes the login itself, in its definer functions
//! `appraise_create_login` and `appraise_set_password`
//! (`migrations/postgres/0007_logins.sql`), so a person's login can give
//! others theirs without being allowed to create roles. The login's name is
//! the server's rule too (`appraise_login_name`): `<database>_<staff
//! number>`, within 63 bytes, since login names are shared by every
//! database on the server. Who a connected login is: the account whose
//! `db_login` is `session_user`.

use md5::Digest;

/// `SCRAM-SHA-256$4096:SALT$STOREDKEY:SERVERKEY`, with a fresh random salt,
/// the passphrase SASLprep-normalised as the server does: what the definer
/// functions that make and change logins take.
pub fn verifier(passphrase: &str) -> String {
    postgres_protocol::password::scram_sha_256(passphrase.as_bytes())
}

/// PostgreSQL's longest name, in bytes.
const NAME_BYTES: usize = 63;

/// The login of the person with `staff_number` in `database`, as the
/// server's `appraise_login_name` makes it: `<database>_<staff number>`;
/// when that is longer than 63 bytes, the database's name shortened a
/// character at a time, then `_`, 8 hex digits of the whole name's MD5,
/// `_` and the staff number. The window connects as this login.
pub fn login_name(database: &str, staff_number: &str) -> String {
    if database.len() + 1 + staff_number.len() <= NAME_BYTES {
        return format!("{database}_{staff_number}");
    }
    let mut short = database.to_owned();
    while short.len() + 10 + staff_number.len() > NAME_BYTES && short.pop().is_some() {}
    let digest: String = md5::Md5::digest(database.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{short}_{digest}_{staff_number}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use postgres_protocol::authentication::sasl::{ChannelBinding, ScramSha256};
    use sha2::{Digest, Sha256};

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
    fn a_verifier_lets_in_the_passphrase_and_nothing_else_and_never_contains_it() {
        for passphrase in [
            "correct horse battery",
            "it's a 'quoted' one",
            "back\\slash and ünïcödé",
        ] {
            let v = verifier(passphrase);
            assert!(v.starts_with("SCRAM-SHA-256$4096:"), "the verifier's shape: {v}");
            for word in passphrase.split(' ').filter(|w| w.len() > 3) {
                assert!(!v.contains(word), "no part of the passphrase ({word}) is in it: {v}");
            }
            assert!(server_accepts(&v, passphrase), "the verifier accepts the passphrase");
            assert!(!server_accepts(&v, "wrong passphrase"), "and nothing else");
        }
    }

    #[test]
    fn every_verifier_has_a_fresh_salt() {
        assert_ne!(
            verifier("same passphrase"),
            verifier("same passphrase"),
            "the same passphrase gives different verifiers"
        );
    }

    #[test]
    fn a_login_is_the_database_and_the_staff_number() {
        assert_eq!(
            login_name("appraise_coding", "C1001"),
            "appraise_coding_C1001",
            "joined by an underscore, case kept"
        );
    }

    #[test]
    fn a_long_database_name_is_shortened_with_its_md5_to_fit_63_bytes() {
        let database = "a".repeat(60);
        let name = login_name(&database, "12345678");
        assert_eq!(name.len(), 63, "exactly the longest a name may be: {name}");
        assert!(name.ends_with("_12345678"), "the staff number is whole: {name}");
        let digest = &name[name.len() - 9 - 8..name.len() - 9];
        assert_eq!(digest, "cc7ed669", "8 hex digits of md5 of the whole name: {name}");
    }
}
