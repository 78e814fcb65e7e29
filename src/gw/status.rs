//! A refusal on one side mapped to the other side's nearest response (docs/if-gw.md has the
//! same table): the gatekeeper's ARJ reasons and the callee's ReleaseComplete reasons to SIP
//! status codes, after RFC 3398's ISUP-cause mapping where H.225.0 names a Q.931 cause.

/// The SIP final response (code, reason phrase) for an ARJ reason (its ASN.1 name), or
/// `unanswered` when the gatekeeper never answered.
pub fn for_admission_reject(reason: &str) -> (u16, &'static str) {
    match reason {
        "calledPartyNotRegistered" => (404, "Not Found"),
        "requestDenied" | "securityDenial" | "invalidPermission" => (403, "Forbidden"),
        "resourceUnavailable" | "exceedsCallCapacity" | "insufficientResources" => (503, "Service Unavailable"),
        // The gateway itself is not registered (its registration lapsed): its own trouble.
        "callerNotRegistered" => (503, "Service Unavailable"),
        "unanswered" => (504, "Server Time-out"),
        _ => (500, "Server Internal Error"),
    }
}

/// The SIP final response for a call the H.323 side released before it connected, by its
/// ReleaseCompleteReason (ASN.1 name).
pub fn for_release(reason: &str) -> (u16, &'static str) {
    match reason {
        "noPermission" | "destinationRejection" | "securityDenied" | "callerNotRegistered" => (403, "Forbidden"),
        "unreachableDestination" | "calledPartyNotRegistered" | "badFormatAddress" => (404, "Not Found"),
        "inConf" => (486, "Busy Here"),
        "noBandwidth" | "gatekeeperResources" | "gatewayResources" | "adaptiveBusy" | "unreachableGatekeeper" => {
            (503, "Service Unavailable")
        }
        // Normal clearing before an answer: nobody took the call.
        _ => (480, "Temporarily Unavailable"),
    }
}

/// The ReleaseCompleteReason (ASN.1 name) for a SIP final error to a call the council placed,
/// after RFC 3398 §8.2.6.1's SIP-to-ISUP causes and H.225.0's cause of each reason.
pub fn release_for_sip(status: u16) -> &'static str {
    match status {
        // 17 user busy.
        486 | 600 => "inConf",
        // 21 call rejected.
        401 | 402 | 403 | 407 | 603 => "destinationRejection",
        // 1 unallocated number, 20 subscriber absent: nobody by that name.
        404 | 410 | 485 | 604 => "calledPartyNotRegistered",
        // 28 invalid number format.
        414 | 416 | 484 => "badFormatAddress",
        // 18 no user responding, 102 timer expiry: nobody answered (H.225.0 has no closer reason).
        408 | 480 | 504 => "unreachableDestination",
        // 38 network out of order, 41 temporary failure: the SIP side's trouble.
        500 | 502 | 503 => "gatewayResources",
        // Normal clearing, and the rest (488, 606: nothing in common; 487: our own CANCEL).
        _ => "undefinedReason",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of docs/if-gw.md, row by row.
    #[test]
    fn the_documented_table() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/if-gw.md")).unwrap();
        let (mut rows, mut sip_rows) = (0, 0);
        for line in doc.lines() {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(|c| c.trim().trim_matches('`')).collect();
            let [side, reason, status, ..] = cells[..] else { continue };
            if let ("SIP", Ok(code)) = (side, reason.parse::<u16>()) {
                assert_eq!(release_for_sip(code), status, "{line}");
                sip_rows += 1;
                continue;
            }
            if status.split_whitespace().next().unwrap_or("").parse::<u16>().is_err() {
                continue;
            }
            // "`unanswered` (no answer ...)", "any other": the reason is the first word.
            let reason = match reason.split_whitespace().next().unwrap_or("").trim_matches('`') {
                "any" => "aReasonNoTableNames",
                r => r,
            };
            let got = match side {
                "ARJ" => for_admission_reject(reason),
                "ReleaseComplete" => for_release(reason),
                _ => continue,
            };
            assert_eq!(format!("{} {}", got.0, got.1), status, "{line}");
            rows += 1;
        }
        assert!(rows >= 20, "{rows} rows of the table read");
        assert!(sip_rows >= 15, "{sip_rows} rows of the SIP table read");
    }
}
