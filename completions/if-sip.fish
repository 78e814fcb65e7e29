# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_if_sip_global_optspecs
    string join \n h/help V/version
end

function __fish_if_sip_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_if_sip_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_if_sip_using_subcommand
    set -l cmd (__fish_if_sip_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c if-sip -n "__fish_if_sip_needs_command" -s h -l help -d 'Print help'
complete -c if-sip -n "__fish_if_sip_needs_command" -s V -l version -d 'Print version'
complete -c if-sip -n "__fish_if_sip_needs_command" -f -a "proxy" -d 'Run a stateful proxy and registrar over UDP, TCP and TLS'
complete -c if-sip -n "__fish_if_sip_needs_command" -f -a "escalate" -d 'Call an expert for every escalation on stdin; other messages pass through'
complete -c if-sip -n "__fish_if_sip_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l listen -d 'Address to listen on (UDP and TCP)' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l route -d 'Where to send requests that nothing else routes (a SIP URI with an IP address)' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l policy -d 'IF.guard policy (TOML): experts, trusted agent keys, gates' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l key -d 'Key that signs the transaction events' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l trust -d 'More trusted keys for X-IF-Signature (repeatable)' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l max-contacts -d 'Bindings one address-of-record may have; a REGISTER that would add more gets `503 Too Many Registered Contacts` and changes nothing (as Kamailio\'s max_contacts)' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l max-connections -d 'TCP and TLS connections accepted at once; beyond, a new one is closed as soon as it is accepted. Never more than the descriptors the process may open allow (less 64)' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l max-connections-per-ip -d 'TCP and TLS connections accepted at once from one IP address' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l dns-server -d 'DNS server (IP:PORT) that resolves next hops named by a domain (RFC 3263: NAPTR, SRV, then A or AAAA; failover to the next SRV target). Without, such hops get 502' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l credentials -d 'Digest authentication (RFC 3261 §22) with these users (TOML, mode 0600: `[users.NAME]` with `password` or `ha1-md5`/`ha1-sha256`): REGISTERs are challenged with 401, new INVITEs without a trusted X-IF-Signature with 407' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l realm -d 'The digest realm [default: the --listen IP address]' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l digest-algorithm -d 'Digest algorithms offered, in order of preference (repeatable)' -r -f -a "sha-256\t'SHA-256 (RFC 8760)'
md5\t'MD5, for user agents without SHA-256'"
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l nonce-lifetime -d 'Seconds a nonce is good for; after, a client is challenged again with `stale=true`' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l max-nonces -d 'Nonces remembered for replay protection; beyond, the oldest is forgotten (its next use is answered as stale)' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l tls-listen -d 'Take SIP over TLS (RFC 3261 §26) on this address (5061 is the convention, and Kamailio\'s default; port 0: one the OS picks); needs --tls-cert and --tls-key' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l tls-cert -d 'The TLS server certificate chain (PEM, leaf first)' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l tls-key -d 'The certificate\'s private key (PEM, mode 0600)' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l tls-ca -d 'CA certificates (PEM) that next hops reached over TLS (`sips:` or `transport=tls`) must show a certificate from, for their host; without, such hops get 503' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -l on-audit-loss -d 'When the event stream (stdout) fails: stop admitting calls and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-sip -n "__fish_if_sip_using_subcommand proxy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l key -d 'Key that signs the INVITEs (X-IF-Signature) and the call events' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l via -d 'The proxy to send calls through: HOST:PORT (UDP), or a SIP URI with its transport (`sip:127.0.0.1:5060;transport=tcp` for one TCP connection, `sips:127.0.0.1:5061` or `transport=tls` for one TLS connection, with --tls-ca); a URI\'s host may be a domain name, resolved with --dns-server (RFC 3263: NAPTR, SRV, A/AAAA, each target tried in turn)' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l dns-server -d 'DNS server (IP:PORT) that resolves a --via named by a domain' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l experts -d 'Experts by hazard type: an IF.guard policy file (its [[expert]] entries)' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l listen -d 'Local address for SIP over UDP [default: an ephemeral port on the --via address family]; not with a TCP --via (the connection\'s port is the OS\'s choice)' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l hold-ms -d 'How long to stay on an answered call before hanging up, in milliseconds' -r
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l trust -d 'Trusted keys for the incoming messages (repeatable); without, their own keys are used' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l tls-ca -d 'CA certificates (PEM) the proxy\'s certificate must come from, over TLS (checked for the --via IP address)' -r -F
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -l on-audit-loss -d 'When the event stream (stdout) fails: stop placing calls and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-sip -n "__fish_if_sip_using_subcommand escalate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-sip -n "__fish_if_sip_using_subcommand help; and not __fish_seen_subcommand_from proxy escalate help" -f -a "proxy" -d 'Run a stateful proxy and registrar over UDP, TCP and TLS'
complete -c if-sip -n "__fish_if_sip_using_subcommand help; and not __fish_seen_subcommand_from proxy escalate help" -f -a "escalate" -d 'Call an expert for every escalation on stdin; other messages pass through'
complete -c if-sip -n "__fish_if_sip_using_subcommand help; and not __fish_seen_subcommand_from proxy escalate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
