s/^#O MaxNOOPCommands=.*/O MaxNOOPCommands=1/
s/^#O MaxDaemonChildren=.*/O MaxDaemonChildren=5/
