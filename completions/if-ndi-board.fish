complete -c if-ndi-board -l name -d 'NDI source name of the board' -r
complete -c if-ndi-board -l key -d 'Key that signs every frame\'s chain record and the board\'s events' -r -F
complete -c if-ndi-board -l trust -d 'Trusted keys: the council\'s events and the evidence streams\' frames must verify against them' -r -F
complete -c if-ndi-board -l council -d 'Only events from this sender (the MCU\'s agent) go on the board; without, any trusted sender\'s' -r
complete -c if-ndi-board -l source -d 'Evidence stream to show (repeatable, at most 15): its NDI name (`NAME`, or the full `HOST (NAME)`), or its address `IP:PORT` to connect directly, without discovery' -r
complete -c if-ndi-board -l size -d 'Board size' -r
complete -c if-ndi-board -l fps -d 'Frames per second; the board is re-composed at most once a frame, when something changed' -r
complete -c if-ndi-board -l linger -d 'Keep the board on the air this long after the end of input, in seconds' -r
complete -c if-ndi-board -l every -d 'Report every Nth verified frame of each stream (anomalies are always reported)' -r
complete -c if-ndi-board -l on-error -d 'What to do with an input line that is not a verified IFMessage' -r -f -a "fail\t'Stop at the first bad line and exit non-zero'
skip\t'Report the line on stderr, skip it, carry on, and exit non-zero at the end'"
complete -c if-ndi-board -l extra-ips -d 'Where else to look for sources (NDI extra IPs, comma-separated)' -r
complete -c if-ndi-board -l discovery -d 'NDI discovery server(s) to look for sources at and register with (`HOST[:PORT]`, comma-separated)' -r
complete -c if-ndi-board -l on-audit-loss -d 'When the event stream (stdout) fails: stop the board and exit 3, or continue' -r -f -a "stop\t'Stop admitting new work, finish what is in flight, exit 3'
continue\t'Keep serving, unrecorded, with a warning at least once a minute'"
complete -c if-ndi-board -s h -l help -d 'Print help (see more with \'--help\')'
complete -c if-ndi-board -s V -l version -d 'Print version'
