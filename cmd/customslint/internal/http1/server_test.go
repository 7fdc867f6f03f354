package http1

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// echo answers with what it read of the body, or the read's error.
func echo(r *Request) Response {
	b, err := io.ReadAll(r.Body)
	if errors.Is(err, ErrBodyTooLarge) {
		return Response{Status: 413, Body: []byte("too large")}
	}
	if err != nil {
		return Response{Status: 400, Body: []byte(err.Error())}
	}
	return Response{Status: 200, ContentType: "text/plain", Header: map[string]string{"X-Path": r.Path, "X-Q": r.Query.Get("q")}, Body: b}
}

// countingListener counts accepted connections.
type countingListener struct {
	net.Listener
	n atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.n.Add(1)
	}
	return c, err
}

// start serves s on a loopback port until the test ends, then shuts it
// down and requires Serve to return ErrServerClosed and nothing logged.
func start(t *testing.T, s *Server) (string, *countingListener) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl := &countingListener{Listener: ln}
	var mu sync.Mutex
	var logged []string
	if s.ErrorLog == nil {
		s.ErrorLog = func(m string) { mu.Lock(); logged = append(logged, m); mu.Unlock() }
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(cl) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-done; !errors.Is(err, ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(logged) > 0 {
			t.Errorf("logged %q", logged)
		}
	})
	return ln.Addr().String(), cl
}

// TestWithNetHTTPClient: net/http's client (the oracle) talks to the
// server: bodies by Content-Length, chunked and with 100-continue, a
// query, HEAD, and connections reused across requests.
func TestWithNetHTTPClient(t *testing.T) {
	addr, cl := start(t, &Server{Handler: echo, MaxBodyBytes: 1 << 20})
	tr := &http.Transport{ExpectContinueTimeout: 5 * time.Second}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	body := bytes.Repeat([]byte("0123456789"), 20000) // 200 KB
	for i, mk := range []func() *http.Request{
		func() *http.Request {
			r, _ := http.NewRequest("POST", "http://"+addr+"/a%20b?q=1%262", bytes.NewReader(body))
			return r
		},
		func() *http.Request { // chunked: the length is unknown
			r, _ := http.NewRequest("POST", "http://"+addr+"/a%20b?q=1%262", io.MultiReader(bytes.NewReader(body[:5]), bytes.NewReader(body[5:])))
			r.ContentLength = -1
			return r
		},
		func() *http.Request {
			r, _ := http.NewRequest("POST", "http://"+addr+"/a%20b?q=1%262", bytes.NewReader(body))
			r.Header.Set("Expect", "100-continue")
			return r
		},
	} {
		for range 3 {
			res, err := client.Do(mk())
			if err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			got, err := io.ReadAll(res.Body)
			res.Body.Close()
			if err != nil || res.StatusCode != 200 || !bytes.Equal(got, body) || res.Header.Get("X-Path") != "/a b" || res.Header.Get("X-Q") != "1&2" {
				t.Fatalf("request %d: %d %v, %d bytes, %v", i, res.StatusCode, err, len(got), res.Header)
			}
			if i == 1 && res.Request.TransferEncoding == nil && res.Request.ContentLength != -1 {
				t.Fatalf("request %d was not chunked", i)
			}
		}
	}
	res, err := client.Head("http://" + addr + "/h")
	if err != nil || res.StatusCode != 200 || res.ContentLength != 0 {
		t.Fatalf("HEAD: %v %+v", err, res)
	}
	res.Body.Close()
	if n := cl.n.Load(); n != 1 {
		t.Errorf("%d connections for 10 requests, want 1 (keep-alive)", n)
	}
}

// exchange writes raw bytes on a new connection and returns everything
// the server sends until it closes the connection (or 5 s pass).
func exchange(t *testing.T, addr string, req string) string {
	t.Helper()
	raw, err := exchangeErr(addr, req)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// exchangeErr is exchange for goroutines other than the test's.
func exchangeErr(addr string, req string) (string, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, req); err != nil {
		return "", err
	}
	// The client has said everything: a server waiting for more sees
	// the end of the stream.
	c.(*net.TCPConn).CloseWrite()
	b, err := io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "", fmt.Errorf("the server kept the connection open: %q", b)
	}
	return string(b), nil
}

// statuses are the status codes of the responses in raw output.
func statuses(raw string) []string {
	var out []string
	br := bufio.NewReader(strings.NewReader(raw))
	for {
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			return out
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		out = append(out, fmt.Sprint(res.StatusCode))
	}
}

// TestBadRequests: each request the server cannot take gets its status and
// a closed connection (exchange fails the test when it stays open).
func TestBadRequests(t *testing.T) {
	addr, _ := start(t, &Server{Handler: echo, MaxBodyBytes: 100, MaxHeaderBytes: 1024})
	// The head may run 4 KB past MaxHeaderBytes (what the reader buffers),
	// as with net/http.
	long := "GET / HTTP/1.1\r\nHost: h\r\nX: " + strings.Repeat("a", 6000) + "\r\n\r\n"
	for _, c := range []struct{ name, req, want string }{
		{"no Host", "GET / HTTP/1.1\r\n\r\n", "400"},
		{"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "400"},
		{"garbage", "hello\r\n\r\n", "400"},
		{"space in method", "G T / HTTP/1.1\r\nHost: h\r\n\r\n", "400"},
		{"bad target", "GET nowhere HTTP/1.1\r\nHost: h\r\n\r\n", "400"},
		{"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "505"},
		{"HTTP/3.0", "GET / HTTP/3.0\r\nHost: h\r\n\r\n", "505"},
		{"negative length", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", "400"},
		{"length with a sign", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +1\r\n\r\nx", "400"},
		{"two lengths", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx", "400"},
		{"length and chunked", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n", "400"},
		{"gzip coding", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "501"},
		{"chunked in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"},
		{"unknown expectation", "POST / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\n\r\n", "417"},
		{"head too large", long, "431"},
		{"bad header line", "GET / HTTP/1.1\r\nHost: h\r\nno colon\r\n\r\n", "400"},
		{"body over the limit", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n" + strings.Repeat("x", 101), "413"},
		{"chunked body over the limit", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n" + strings.Repeat("x", 101) + "\r\n0\r\n\r\n", "413"},
		{"bad chunk size", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "400"},
		{"chunk without its CRLF", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n0\r\n\r\n", "400"},
		{"huge chunk size", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", "400"},
		{"truncated body", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc", "400"},
		{"truncated chunked body", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "400"},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := exchange(t, addr, c.req)
			got := strings.Join(statuses(raw), ",")
			if got != c.want {
				t.Errorf("statuses %q, want %s; raw %q", got, c.want, raw)
			}
		})
	}
}

// TestPipelinedAndClose: requests sent together are answered in order;
// Connection: close and HTTP/1.0 end the connection after their answer.
func TestPipelinedAndClose(t *testing.T) {
	addr, _ := start(t, &Server{Handler: echo})
	raw := exchange(t, addr, "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\na"+
		"POST /2 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2;ext=1\r\nbc\r\n0\r\nTrailer: x\r\n\r\n"+
		"GET /3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"+
		"GET /4 HTTP/1.1\r\nHost: h\r\n\r\n")
	br := bufio.NewReader(strings.NewReader(raw))
	for _, want := range []struct{ path, body string }{{"/1", "a"}, {"/2", "bc"}, {"/3", ""}} {
		res, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("%s: %v in %q", want.path, err, raw)
		}
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || res.Header.Get("X-Path") != want.path || string(b) != want.body {
			t.Errorf("%s: %d %s %q", want.path, res.StatusCode, res.Header.Get("X-Path"), b)
		}
		if want.path == "/3" && !res.Close {
			t.Error("no Connection: close on the last answer")
		}
	}
	if rest, _ := io.ReadAll(br); len(rest) != 0 {
		t.Errorf("answered after Connection: close: %q", rest)
	}
	if got := statuses(exchange(t, addr, "GET / HTTP/1.0\r\n\r\n")); len(got) != 1 || got[0] != "200" {
		t.Errorf("HTTP/1.0: %v", got)
	}
}

// TestUnreadBody: a body the handler leaves unread is drained when small
// (the connection carries on) and ends the connection when larger than
// the server drains; a 100-continue body never asked for is not awaited.
func TestUnreadBody(t *testing.T) {
	ignore := func(r *Request) Response { return Response{Status: 204} }
	addr, _ := start(t, &Server{Handler: ignore})
	small := "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
	if got := statuses(exchange(t, addr, small+small+"GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")); strings.Join(got, ",") != "204,204,204" {
		t.Errorf("small unread bodies: %v", got)
	}
	big := fmt.Sprintf("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: %d\r\n\r\n", maxDrain+10)
	if got := statuses(exchange(t, addr, big+strings.Repeat("x", maxDrain+10)+small)); strings.Join(got, ",") != "204" {
		t.Errorf("large unread body: %v", got)
	}
	cont := "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"
	raw := exchange(t, addr, cont)
	if strings.Contains(raw, "100 Continue") || strings.Join(statuses(raw), ",") != "204" {
		t.Errorf("100-continue never read: %q", raw)
	}
}

// TestSlowClient: a client that stops halfway through its head, or idles
// between requests, is disconnected after the timeout.
func TestSlowClient(t *testing.T) {
	addr, _ := start(t, &Server{Handler: echo, ReadHeaderTimeout: 100 * time.Millisecond, IdleTimeout: 100 * time.Millisecond})
	for _, req := range []string{"GET / HT", "GET / HTTP/1.1\r\nHost: h\r\n\r\n"} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, req)
		b, err := io.ReadAll(c)
		c.Close()
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Errorf("%q: still connected after 5 s", req)
		}
		// The cut head may be answered 400, never 200; the idle
		// connection got its one answer.
		got := strings.Join(statuses(string(b)), ",")
		if req == "GET / HT" && got != "" && got != "400" || req != "GET / HT" && got != "200" {
			t.Errorf("%q: %q", req, b)
		}
	}
}

// TestShutdown: a request in flight is answered, an idle connection is
// closed, new connections are refused, and a handler's panic is a 500.
func TestShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var logged atomic.Value
	s := &Server{
		Handler: func(r *Request) Response {
			switch r.Path {
			case "/slow":
				close(entered)
				<-release
			case "/panic":
				panic("boom")
			}
			return Response{Status: 200, Body: []byte("done")}
		},
		ErrorLog: func(m string) { logged.Store(m) },
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()

	if got := statuses(exchange(t, addr, "GET /panic HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")); strings.Join(got, ",") != "500" {
		t.Errorf("panic: %v", got)
	}
	if m, _ := logged.Load().(string); !strings.Contains(m, "boom") {
		t.Errorf("panic not logged: %q", m)
	}

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	io.WriteString(idle, "GET / HTTP/1.1\r\nHost: h\r\n\r\n")
	if _, err := http.ReadResponse(bufio.NewReader(idle), nil); err != nil {
		t.Fatal(err)
	}

	answer := make(chan string, 1)
	go func() {
		raw, err := exchangeErr(addr, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
		if err != nil {
			raw = err.Error()
		}
		answer <- strings.Join(statuses(raw), ",")
	}()
	<-entered
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		shut <- s.Shutdown(ctx)
	}()
	// The idle connection is closed; the busy one is not.
	idle.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := idle.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("idle connection: %d %v", n, err)
	}
	select {
	case err := <-shut:
		t.Fatalf("shutdown returned with a request in flight: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if got := <-answer; got != "200" {
		t.Errorf("request in flight: %q", got)
	}
	if err := <-shut; err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if err := <-served; !errors.Is(err, ErrServerClosed) {
		t.Errorf("serve: %v", err)
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Error("still accepting after shutdown")
	}
}

// FuzzServeConn feeds any bytes to a connection: the server must answer
// or close without panicking or hanging, and every answer it writes must
// parse as HTTP/1.1.
func FuzzServeConn(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: h\r\n\r\n",
		"POST /x?q=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc",
		"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;e\r\nabc\r\n0\r\nT: 1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx",
		"GET / HTTP/1.0\r\n\r\n",
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
	} {
		f.Add([]byte(s))
	}
	s := &Server{Handler: echo, MaxBodyBytes: 1 << 10, MaxHeaderBytes: 1 << 10, ReadHeaderTimeout: time.Second, ReadTimeout: time.Second, IdleTimeout: time.Second, WriteTimeout: time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	go s.Serve(ln)
	defer s.Shutdown(context.Background())
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(10 * time.Second))
		c.Write(data)
		c.(*net.TCPConn).CloseWrite()
		out, err := io.ReadAll(c)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("the connection did not end: %q", out)
		}
		br := bufio.NewReader(bytes.NewReader(out))
		for {
			if _, err := br.Peek(1); err != nil {
				break
			}
			res, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("unparsable answer: %v in %q", err, out)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	})
}
