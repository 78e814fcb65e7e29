# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_if_gw_global_optspecs
    string join \n h/help V/version
end

function __fish_if_gw_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_if_gw_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_if_gw_using_subcommand
    set -l cmd (__fish_if_gw_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c if-gw -n "__fish_if_gw_needs_command" -s h -l help -d 'Print help'
complete -c if-gw -n "__fish_if_gw_needs_command" -s V -l version -d 'Print version'
complete -c if-gw -n "__fish_if_gw_needs_command" -f -a "serve" -d 'Run the gateway'
complete -c if-gw -n "__fish_if_gw_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l listen -d 'SIP address to listen on (UDP); port 0: the OS picks one, logged on stderr' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l gk -l gatekeeper -d 'The gatekeeper\'s RAS address (UDP)' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l mcu -d 'The MCU\'s call signalling address [default: what the ACF says]' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l key -d 'Key that signs the admission tokens, the call descriptions and the events' -r -F
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l trust -d 'Trusted keys of X-IF-Signature headers (repeatable; trust file or .pub)' -r -F
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l policy -d 'IF.guard policy (TOML): its trusted keys and clock skew' -r -F
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l council -d 'The alias called at the gatekeeper' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l max-calls -d 'Calls at once; beyond, an INVITE is answered 503' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l max-message -d 'The largest call signalling message (TPKT) taken from the MCU, in octets' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l rtp-bind -d 'Address the media sockets bind to (port 0 each) [default: the --listen IP]' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l ras-listen -d 'RAS address to bind [default: the address routed to the gatekeeper, port 0]' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l on-audit-loss -d 'When the event stream (stdout) fails: stop taking calls and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l h323-listen -d 'H.323 call signalling address (TCP) for the council\'s calls out; port 0: the OS picks' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l callout -d 'An H.323 alias registered for a SIP expert: the council\'s call to ALIAS becomes an INVITE to URI (repeatable)' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -l sip-next-hop -d 'Where those INVITEs go (if-sip, UDP) [default: each URI\'s host and port]' -r
complete -c if-gw -n "__fish_if_gw_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-gw -n "__fish_if_gw_using_subcommand help; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Run the gateway'
complete -c if-gw -n "__fish_if_gw_using_subcommand help; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
