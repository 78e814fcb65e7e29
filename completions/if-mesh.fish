# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_if_mesh_global_optspecs
    string join \n h/help V/version
end

function __fish_if_mesh_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_if_mesh_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_if_mesh_using_subcommand
    set -l cmd (__fish_if_mesh_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c if-mesh -n "__fish_if_mesh_needs_command" -s h -l help -d 'Print help'
complete -c if-mesh -n "__fish_if_mesh_needs_command" -s V -l version -d 'Print version'
complete -c if-mesh -n "__fish_if_mesh_needs_command" -f -a "signal" -d 'Run the signaling server (WebSocket at /ws): rooms, presence, relay of SDP'
complete -c if-mesh -n "__fish_if_mesh_needs_command" -f -a "join" -d 'Join a room as an agent: a DataChannel to every other member'
complete -c if-mesh -n "__fish_if_mesh_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l listen -d 'Address to listen on (port 0: the system picks; the bound address is logged)' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l key -d 'Key that signs the server\'s events' -r -F
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l trust -d 'Trusted agent keys (repeatable): who may join' -r -F
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l max-connections -d 'WebSocket connections at once; beyond, 503' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l queue -d 'Frames waiting for one client; a client this far behind is dropped' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l max-rooms -d 'Rooms at once' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l max-members -d 'Members of one room' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l join-timeout -d 'Seconds a connection has to send its join' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l max-skew -d 'Seconds a join\'s timestamp may differ from this clock' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -l on-audit-loss -d 'When the event stream (stdout) fails: stop relaying and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-mesh -n "__fish_if_mesh_using_subcommand signal" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l signal -d 'The signal server\'s WebSocket, ws://IP:PORT/ws' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l janus -d 'Join a Janus TextRoom instead of a full mesh: Janus\'s WebSocket API, ws://IP:PORT (Janus relays every message; --room is then the room\'s number)' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l room -d 'The room (with --janus, a TextRoom\'s number)' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l room-pin -d 'With --janus: a file holding the room\'s PIN (mode 0600)' -r -F
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l key -d 'This agent\'s key: it signs the join and the events' -r -F
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l trust -d 'Trusted keys (repeatable): messages from others are checked against them' -r -F
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l bind -d 'UDP address for every peer connection, advertised as the host candidate (Janus never uses loopback: give it an address it does use, e.g. 127.0.0.2 on another interface)' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l ice-server -d 'A STUN server that tells the agent its address behind a NAT, offered as a server-reflexive candidate: stun:IP:PORT; or a TURN server to relay through: turn:IP:PORT, with --turn-credentials (UDP; no host names)' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l turn-credentials -d 'The TURN server\'s long-term credentials: a file of one line USER:PASSWORD (0600)' -r -F
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l max-skew -d 'Seconds a received message\'s timestamp may differ from this clock' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l view-every -d 'Record the view of the mesh (mesh.view: each member\'s state, path, round trip) every SECONDS; 0: never' -r
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l on-audit-loss -d 'When the event stream (stdout) fails: stop and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l relay-only -d 'Offer only the relayed address, no host candidate: every path through the TURN server'
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -l leave-on-eof -d 'Leave the room and exit once stdin ends and what it held is sent (else the agent stays, receiving, until the signaling connection ends)'
complete -c if-mesh -n "__fish_if_mesh_using_subcommand join" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-mesh -n "__fish_if_mesh_using_subcommand help; and not __fish_seen_subcommand_from signal join help" -f -a "signal" -d 'Run the signaling server (WebSocket at /ws): rooms, presence, relay of SDP'
complete -c if-mesh -n "__fish_if_mesh_using_subcommand help; and not __fish_seen_subcommand_from signal join help" -f -a "join" -d 'Join a room as an agent: a DataChannel to every other member'
complete -c if-mesh -n "__fish_if_mesh_using_subcommand help; and not __fish_seen_subcommand_from signal join help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
