"""Drives `./berth docker exec -it C sh` on a pseudo-terminal as a person would: waits for the prompt, asks the
size, resizes the window, types a command, interrupts a sleep with Ctrl-C, exits with a code. Prints one JSON object:
the exit status and everything the terminal showed (base64), or the step that failed and what was shown so far.
Usage: drive-pty.py COMMAND [ARG...]; DRIVE_EXIT (default 7) is the code the shell exits with."""
import base64, fcntl, json, os, pty, select, signal, struct, sys, termios, time

def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
set_size(fd, 30, 100)
shown = b""

def done(result):
    result["shown"] = base64.b64encode(shown).decode()
    print(json.dumps(result))
    sys.exit(0)

def read_until(token, timeout=90):
    global shown
    end = time.time() + timeout
    while token not in shown:
        ready, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if not ready:
            done({"failed": "no %r within %ds" % (token, timeout)})
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b""
        if not data:
            done({"failed": "the terminal closed before %r" % token})
        shown += data

def type_(text):
    os.write(fd, text)

read_until(b"# ")                       # busybox sh's prompt as root: the session is open, the terminal raw
type_(b"stty size\r")
read_until(b"30 100")                   # the size the terminal had when it started
set_size(fd, 40, 120)                   # the kernel sends SIGWINCH to berth, the foreground process
time.sleep(1)
type_(b"stty size\r")
read_until(b"40 120")
type_(b"echo typed-$((6*7))\r")
read_until(b"typed-42")
type_(b"sleep 300\r")
time.sleep(1.5)
type_(b"\x03")                          # Ctrl-C: to the container's sleep, not to berth
type_(b"echo after-$((1+1))\r")
read_until(b"after-2", timeout=30)
type_(b"exit %d\r" % int(os.environ.get("DRIVE_EXIT", "7")))
while True:                             # what is left, until the terminal closes
    ready, _, _ = select.select([fd], [], [], 60)
    if not ready:
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    shown += data
_, status = os.waitpid(pid, 0)
done({"exit": os.waitstatus_to_exitcode(status)})
