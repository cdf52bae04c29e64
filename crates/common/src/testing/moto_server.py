"""Starts moto on a free loopback port, prints the port, and runs until its standard input closes.

The test harness holds the other end of stdin, so the server ends with the process that started it,
even when that process is killed. Ctrl-C at a terminal reaches this process too; it is left to the
parent, which closes stdin when it is done.
"""
import logging
import signal
import sys

from moto.moto_server.threaded_moto_server import ThreadedMotoServer

signal.signal(signal.SIGINT, signal.SIG_IGN)
logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
