package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ParseTrustedProxies parses a comma-separated list of CIDRs (as in
// KINDRED_TRUSTED_PROXIES, e.g. "10.0.0.0/8, 192.168.1.7/32") naming the
// reverse proxies whose X-Forwarded-For is believed. An empty list trusts
// none.
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for i, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxies, entry %d %q: not a CIDR such as 10.0.0.0/8", i+1, f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// clientAddr is the address of the client a request comes from, for
// sign-in limits: the peer, unless the peer is a trusted proxy; then the
// right-most address of X-Forwarded-For that is not a trusted proxy (the
// first hop no trusted proxy can vouch for). Left of that, anyone could
// have written the header.
func (s *Server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil || !trusted(s.cfg.TrustedProxies, peer) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // garbage from beyond the last trusted hop: that hop is the client
		}
		peer = a.Unmap()
		if !trusted(s.cfg.TrustedProxies, peer) {
			break
		}
	}
	return peer.String()
}

// trusted reports whether a is inside one of the prefixes.
func trusted(proxies []netip.Prefix, a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
