package devices

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// DefaultPort is where serving starts looking for a free port.
const DefaultPort = 8080

// ErrNoNetwork: the laptop has no address on a local network.
var ErrNoNetwork = errors.New("no local network")

// listen opens the listener for addr (see Options.Addr) and returns the
// host the join address names: always an IP address, since phones do not
// all resolve names (Android browsers ignore .local names).
func listen(addr string) (net.Listener, string, error) {
	if addr == "" {
		ip, err := LocalIP()
		if err != nil {
			return nil, "", err
		}
		for port := DefaultPort; port < DefaultPort+10; port++ {
			if ln, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(port))); err == nil {
				return ln, ip, nil
			}
		}
		ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
		if err != nil {
			return nil, "", fmt.Errorf("listen on %s: %w", ip, err)
		}
		return ln, ip, nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", fmt.Errorf("--addr %q: give HOST:PORT, e.g. 192.168.1.20:8080 or 0.0.0.0:8080", addr)
	}
	shown := host
	switch ip := net.ParseIP(host); {
	case host == "" || ip != nil && ip.IsUnspecified():
		// every network: the join address names the local one
		if shown, err = LocalIP(); err != nil {
			return nil, "", err
		}
	case ip == nil:
		ips, err := net.LookupIP(host)
		if err != nil || len(ips) == 0 {
			return nil, "", fmt.Errorf("--addr %q: %s does not resolve to an address of this laptop", addr, host)
		}
		shown = ips[0].String()
		for _, x := range ips {
			if x.To4() != nil {
				shown = x.String()
				break
			}
		}
		host = shown
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, "", fmt.Errorf("listen on %s: %w (is another program using the port? try another with --addr)", addr, err)
	}
	return ln, shown, nil
}

// LocalIP is the laptop's IPv4 address on the local network: the first
// private address of an interface that is up, skipping loopback, link-local
// and the bridges of containers and virtual machines.
func LocalIP() (string, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return "", fmt.Errorf("list the network interfaces: %w", err)
	}
	var fallback string
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 || virtual(ifc.Name) {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok || n.IP.To4() == nil || n.IP.IsLinkLocalUnicast() || n.IP.IsLoopback() {
				continue
			}
			if n.IP.IsPrivate() {
				return n.IP.String(), nil
			}
			if fallback == "" && n.IP.IsGlobalUnicast() {
				fallback = n.IP.String()
			}
		}
	}
	if fallback != "" {
		return fallback, nil
	}
	return "", fmt.Errorf("%w: join the room's Wi-Fi or a phone's hotspot, or choose an address with --addr", ErrNoNetwork)
}

// virtual reports interfaces of containers and virtual machines, which
// phones in the room cannot reach.
func virtual(name string) bool {
	for _, p := range []string{"docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxc", "lxd", "cni", "flannel", "podman", "utun", "tun", "tap", "zt", "tailscale", "wg"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
