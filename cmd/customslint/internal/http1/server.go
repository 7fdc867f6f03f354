// Package http1 is the small HTTP/1.1 server behind `customslint serve`.
//
// It exists for memory, not speed. net/http always links its client,
// HTTP/2 and crypto/tls. That adds 3.6 MB to the customslint binary, and
// the kernel maps all of it on every run of `customslint check`. It was
// 2.3 MB of the 23 MB peak RSS of go run ./bench's 5.5 MB declaration,
// which needs to stay under 4x the file.
//
// The service needs little of net/http:
//   - requests whose bodies are framed by Content-Length or by chunked
//     transfer coding;
//   - answers small enough to hold in memory;
//   - keep-alive, pipelining, 100-continue;
//   - timeouts, and a graceful shutdown.
//
// Header fields are parsed by net/textproto. The tests use net/http's
// client against this server.
//
// What a request gets wrong ends in an answer and a closed connection:
//   - 400: a malformed request line or header; a missing Host; both
//     Content-Length and Transfer-Encoding; a bad Content-Length.
//   - 417: an Expect other than 100-continue.
//   - 431: a head over MaxHeaderBytes.
//   - 501: a transfer coding other than chunked.
//   - 505: a version other than HTTP/1.0 or HTTP/1.1.
//
// A body over MaxBodyBytes fails the handler's read with ErrBodyTooLarge.
package http1

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrServerClosed is what Serve returns after Shutdown.
var ErrServerClosed = errors.New("http1: server closed")

// ErrBodyTooLarge is what reading a request body returns past the server's
// MaxBodyBytes.
var ErrBodyTooLarge = errors.New("http1: request body too large")

// errHeadTooLarge ends a request head longer than MaxHeaderBytes.
var errHeadTooLarge = errors.New("http1: request head too large")

// Request is one request, its head read and its body still on the wire.
type Request struct {
	Method string
	Target string     // the request target as sent
	Path   string     // its path, percent-decoded
	Query  url.Values // its query parameters
	Proto  string     // "HTTP/1.1" or "HTTP/1.0"
	Header textproto.MIMEHeader
	// ContentLength is the body's declared size, -1 when it is chunked.
	ContentLength int64
	// expectContinue: the client waits for 100 Continue before sending
	// the body (Expect: 100-continue in an HTTP/1.1 request).
	expectContinue bool
	// Body reads the body, at most the server's MaxBodyBytes
	// (ErrBodyTooLarge past that). What the handler leaves unread, the
	// server reads after it returns, or closes the connection.
	Body io.Reader
	ctx  context.Context
}

// Context is cancelled when the server is shut down and its deadline
// passes.
func (r *Request) Context() context.Context { return r.ctx }

// Response is an answer, held in memory; the server adds Date,
// Content-Length and, when it closes the connection, Connection: close.
type Response struct {
	Status      int
	ContentType string
	Header      map[string]string // other header fields
	Body        []byte
}

// Handler answers a request.
type Handler func(*Request) Response

// Server serves HTTP/1.1 on listeners. Set its fields before Serve; a
// zero duration or size means no limit.
type Server struct {
	Handler           Handler
	ReadHeaderTimeout time.Duration // from a request's first byte to the end of its head
	ReadTimeout       time.Duration // from a request's first byte to the end of its body
	WriteTimeout      time.Duration // to write an answer
	IdleTimeout       time.Duration // between requests on one connection
	MaxHeaderBytes    int           // request line and header fields (default 64 KiB)
	MaxBodyBytes      int64
	// ErrorLog reports what no client sees: failing accepts, a handler's
	// panic. Nil drops them.
	ErrorLog func(msg string)

	mu        sync.Mutex
	listeners map[net.Listener]bool
	conns     map[*conn]bool // true while idle (between requests)
	closing   bool
	ctx       context.Context // for requests; cancelled by a forced shutdown
	cancel    context.CancelFunc
}

func (s *Server) init() {
	if s.listeners == nil {
		s.listeners = map[net.Listener]bool{}
		s.conns = map[*conn]bool{}
		s.ctx, s.cancel = context.WithCancel(context.Background())
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.ErrorLog != nil {
		s.ErrorLog(fmt.Sprintf(format, args...))
	}
}

// Serve accepts connections on ln and serves each in its own goroutine
// until Shutdown, when it returns ErrServerClosed. It closes ln.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	s.init()
	if s.closing {
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	s.listeners[ln] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, ln)
		s.mu.Unlock()
		ln.Close()
	}()
	var backoff time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if s.isClosing() {
				return ErrServerClosed
			}
			var te interface{ Temporary() bool }
			if errors.As(err, &te) && te.Temporary() {
				// Out of file descriptors, say: wait and retry.
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				s.logf("accept: %v; retrying in %v", err, backoff)
				time.Sleep(backoff)
				continue
			}
			return err
		}
		backoff = 0
		c := &conn{srv: s, nc: nc}
		if !s.setIdle(c, true) {
			nc.Close()
			continue
		}
		go c.serve()
	}
}

func (s *Server) isClosing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// setIdle adds a connection or marks it idle or busy; false when it is to
// close instead (the server is shutting down).
func (s *Server) setIdle(c *conn, idle bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.conns[c] = idle
	return true
}

func (s *Server) untrack(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
}

// Shutdown stops accepting, closes idle connections and waits for the
// others to finish their request. When ctx ends first, it closes them,
// cancels the requests' contexts and returns ctx's error.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.init()
	s.closing = true
	for ln := range s.listeners {
		ln.Close()
	}
	s.mu.Unlock()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		s.mu.Lock()
		for c, idle := range s.conns {
			if idle {
				c.nc.Close()
				delete(s.conns, c)
			}
		}
		n := len(s.conns)
		s.mu.Unlock()
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			s.mu.Lock()
			for c := range s.conns {
				c.nc.Close()
			}
			s.mu.Unlock()
			s.cancel()
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// conn is one client connection.
type conn struct {
	srv *Server
	nc  net.Conn
	lr  limitReader
	br  *bufio.Reader
	bw  *bufio.Writer
}

// limitReader reads the connection, failing with errHeadTooLarge once a
// request head has used its allowance.
type limitReader struct {
	r    io.Reader
	left int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errHeadTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

func deadline(d time.Duration, from time.Time) time.Time {
	if d <= 0 {
		return time.Time{}
	}
	return from.Add(d)
}

func (c *conn) serve() {
	s := c.srv
	defer s.untrack(c)
	defer c.nc.Close()
	maxHead := s.MaxHeaderBytes
	if maxHead <= 0 {
		maxHead = 64 << 10
	}
	c.lr.r = c.nc
	c.br = bufio.NewReaderSize(&c.lr, 4096)
	c.bw = bufio.NewWriterSize(c.nc, 4096)
	for first := true; ; first = false {
		// Wait for a request's first byte: idle between requests.
		wait := s.IdleTimeout
		if first {
			wait = s.ReadHeaderTimeout
		}
		c.nc.SetReadDeadline(deadline(wait, time.Now()))
		c.lr.left = int64(maxHead) + 4096 // the reader's buffer may run ahead
		if _, err := c.br.Peek(1); err != nil {
			return
		}
		if !s.setIdle(c, false) {
			return
		}
		start := time.Now()
		c.nc.SetReadDeadline(deadline(s.ReadHeaderTimeout, start))
		req, status, err := readHead(c.br)
		if err != nil {
			if status != 0 {
				c.nc.SetWriteDeadline(deadline(s.WriteTimeout, time.Now()))
				c.write(plain(status, err.Error()), false, true)
				c.closeGently()
			}
			return
		}
		c.lr.left = math.MaxInt64
		c.nc.SetReadDeadline(deadline(s.ReadTimeout, start))
		b := &body{c: c, max: s.MaxBodyBytes, length: req.ContentLength, mustContinue: req.expectContinue}
		if req.ContentLength < 0 {
			b.r = &chunkedReader{br: c.br, maxTrailer: maxHead}
		} else {
			b.r = &lengthReader{r: c.br, left: req.ContentLength}
		}
		req.Body = b
		req.ctx = s.ctx
		resp := c.call(req)
		keep := wantsKeepAlive(req) && b.finish() && !s.isClosing()
		c.nc.SetWriteDeadline(deadline(s.WriteTimeout, time.Now()))
		if err := c.write(resp, req.Method == "HEAD", !keep); err != nil {
			return
		}
		if !keep {
			if !b.done {
				c.closeGently()
			}
			return
		}
		if !s.setIdle(c, true) {
			return
		}
	}
}

// call runs the handler; a panic becomes a 500 (and is logged).
func (c *conn) call(req *Request) (resp Response) {
	defer func() {
		if v := recover(); v != nil {
			c.srv.logf("panic serving %s %s: %v", req.Method, req.Path, v)
			resp = plain(500, "internal server error")
		}
	}()
	return c.srv.Handler(req)
}

// closeGently stops writing and reads what the client still sends for a
// moment, so that closing with unread data (which resets the connection)
// does not destroy the answer before the client reads it.
func (c *conn) closeGently() {
	if cw, ok := c.nc.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	c.nc.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	io.Copy(io.Discard, io.LimitReader(c.nc, 256<<10))
}

func wantsKeepAlive(req *Request) bool {
	if req.Proto != "HTTP/1.1" {
		return false
	}
	for _, v := range req.Header.Values("Connection") {
		for tok := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(tok), "close") {
				return false
			}
		}
	}
	return true
}

func plain(status int, msg string) Response {
	return Response{Status: status, ContentType: "text/plain; charset=utf-8", Body: []byte(msg + "\n")}
}

// statusText is the reason phrase of the statuses the service answers.
func statusText(code int) string {
	switch code {
	case 100:
		return "Continue"
	case 200:
		return "OK"
	case 204:
		return "No Content"
	case 400:
		return "Bad Request"
	case 404:
		return "Not Found"
	case 405:
		return "Method Not Allowed"
	case 406:
		return "Not Acceptable"
	case 413:
		return "Content Too Large"
	case 415:
		return "Unsupported Media Type"
	case 417:
		return "Expectation Failed"
	case 431:
		return "Request Header Fields Too Large"
	case 500:
		return "Internal Server Error"
	case 501:
		return "Not Implemented"
	case 503:
		return "Service Unavailable"
	case 505:
		return "HTTP Version Not Supported"
	}
	return "Status " + strconv.Itoa(code)
}

// timeFormat is the form of the Date field (RFC 9110, IMF-fixdate).
const timeFormat = "Mon, 02 Jan 2006 15:04:05 GMT"

// write sends an answer; head leaves out the body (HEAD requests).
func (c *conn) write(resp Response, head, closing bool) error {
	w := c.bw
	fmt.Fprintf(w, "HTTP/1.1 %d %s\r\n", resp.Status, statusText(resp.Status))
	w.WriteString("Date: " + time.Now().UTC().Format(timeFormat) + "\r\n")
	noBody := resp.Status == 204 || resp.Status == 304 || resp.Status < 200
	if resp.ContentType != "" && !noBody {
		w.WriteString("Content-Type: " + field(resp.ContentType) + "\r\n")
	}
	keys := make([]string, 0, len(resp.Header))
	for k := range resp.Header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		w.WriteString(field(k) + ": " + field(resp.Header[k]) + "\r\n")
	}
	if !noBody {
		w.WriteString("Content-Length: " + strconv.Itoa(len(resp.Body)) + "\r\n")
	}
	if closing {
		w.WriteString("Connection: close\r\n")
	}
	w.WriteString("\r\n")
	if !noBody && !head {
		w.Write(resp.Body)
	}
	return w.Flush()
}

// field drops line breaks from a header field's name or value.
func field(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}

// readHead reads a request line and header fields. On an error, status is
// the answer to give, 0 for none (the connection closed or timed out).
func readHead(br *bufio.Reader) (*Request, int, error) {
	tp := textproto.NewReader(br)
	line, err := tp.ReadLine()
	if err != nil {
		return nil, headStatus(err), err
	}
	method, rest, ok1 := strings.Cut(line, " ")
	target, proto, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || !validMethod(method) || target == "" {
		return nil, 400, fmt.Errorf("malformed request line %q", clip(line))
	}
	if proto != "HTTP/1.1" && proto != "HTTP/1.0" {
		if strings.HasPrefix(proto, "HTTP/") {
			return nil, 505, fmt.Errorf("unsupported protocol version %q", clip(proto))
		}
		return nil, 400, fmt.Errorf("malformed request line %q", clip(line))
	}
	hdr, err := tp.ReadMIMEHeader()
	if err != nil {
		if st := headStatus(err); st != 400 {
			return nil, st, err
		}
		return nil, 400, fmt.Errorf("malformed header: %v", err)
	}
	req := &Request{Method: method, Target: target, Proto: proto, Header: hdr}
	if target[0] != '/' && !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		return nil, 400, fmt.Errorf("unsupported request target %q", clip(target))
	}
	u, err := url.ParseRequestURI(target)
	if err != nil || u.Path == "" && u.Opaque != "" {
		return nil, 400, fmt.Errorf("malformed request target %q", clip(target))
	}
	req.Path = u.Path
	if req.Path == "" {
		req.Path = "/"
	}
	req.Query = u.Query()
	if proto == "HTTP/1.1" && len(hdr.Values("Host")) != 1 {
		return nil, 400, errors.New("an HTTP/1.1 request needs exactly one Host field")
	}
	if e := hdr.Get("Expect"); e != "" {
		if !strings.EqualFold(e, "100-continue") {
			return nil, 417, fmt.Errorf("unsupported expectation %q", clip(e))
		}
		req.expectContinue = proto == "HTTP/1.1"
	}
	te, cl := hdr.Values("Transfer-Encoding"), hdr.Values("Content-Length")
	switch {
	case len(te) > 0 && proto == "HTTP/1.0":
		return nil, 400, errors.New("Transfer-Encoding in an HTTP/1.0 request")
	case len(te) > 0 && len(cl) > 0:
		return nil, 400, errors.New("both Transfer-Encoding and Content-Length")
	case len(te) > 0:
		if len(te) != 1 || !strings.EqualFold(strings.TrimSpace(te[0]), "chunked") {
			return nil, 501, fmt.Errorf("unsupported transfer coding %q", clip(strings.Join(te, ", ")))
		}
		req.ContentLength = -1
	case len(cl) > 0:
		for _, v := range cl[1:] {
			if v != cl[0] {
				return nil, 400, errors.New("conflicting Content-Length fields")
			}
		}
		n, ok := parseLength(strings.TrimSpace(cl[0]))
		if !ok {
			return nil, 400, fmt.Errorf("bad Content-Length %q", clip(cl[0]))
		}
		req.ContentLength = n
	}
	return req, 0, nil
}

// headStatus is the answer to a failed read of a request head: 431 when it
// was too long, none when the connection ended or timed out, else 400.
func headStatus(err error) int {
	var ne net.Error
	switch {
	case errors.Is(err, errHeadTooLarge), errors.Is(err, bufio.ErrBufferFull):
		return 431
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.As(err, &ne) && ne.Timeout():
		return 0
	}
	return 400
}

// clip shortens what a client sent for an error message.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// validMethod reports whether m is a token (RFC 9110 section 5.6.2).
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for i := 0; i < len(m); i++ {
		c := m[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// parseLength parses a Content-Length: digits only.
func parseLength(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// body is a request's body as the handler reads it.
type body struct {
	c            *conn
	r            io.Reader // framing: lengthReader or chunkedReader
	max          int64     // 0: no limit
	length       int64     // declared, -1 when chunked
	read         int64
	mustContinue bool  // 100-continue asked for and not yet sent
	done         bool  // read to its end
	err          error // sticky
}

func (b *body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.done {
		return 0, io.EOF
	}
	if b.max > 0 && b.length > b.max {
		b.err = ErrBodyTooLarge
		return 0, b.err
	}
	if b.mustContinue {
		b.mustContinue = false
		b.c.bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
		if err := b.c.bw.Flush(); err != nil {
			b.err = err
			return 0, err
		}
	}
	if len(p) == 0 {
		return 0, nil
	}
	if b.max > 0 && int64(len(p)) > b.max-b.read+1 {
		p = p[:b.max-b.read+1]
	}
	n, err := b.r.Read(p)
	if b.max > 0 && b.read+int64(n) > b.max {
		n = int(b.max - b.read)
		b.read = b.max
		b.err = ErrBodyTooLarge
		return n, b.err
	}
	b.read += int64(n)
	switch {
	case err == io.EOF:
		b.done = true
	case err != nil:
		b.err = err
	}
	return n, err
}

// maxDrain is the most of a body left unread that the server reads to
// keep the connection; past it, it closes the connection.
const maxDrain = 256 << 10

// finish reads what the handler left of the body; false when the
// connection cannot carry another request.
func (b *body) finish() bool {
	if b.done {
		return true
	}
	if b.err != nil || b.mustContinue {
		// A broken or over-long body, or one the client has not sent
		// (it waits for 100 Continue).
		return false
	}
	n, err := io.Copy(io.Discard, io.LimitReader(b, maxDrain+1))
	return err == nil && b.done && n <= maxDrain
}

// lengthReader reads a body of a declared length.
type lengthReader struct {
	r    io.Reader
	left int64
}

func (l *lengthReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left == 0 && n > 0 {
		return n, nil
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// errChunked reports a malformed chunked body.
var errChunked = errors.New("http1: malformed chunked body")

// chunkedReader decodes the chunked transfer coding (RFC 9112 section 7.1):
// chunk sizes in hex, extensions ignored, trailer fields read and dropped.
type chunkedReader struct {
	br         *bufio.Reader
	left       int64 // of the current chunk
	inChunk    bool
	maxTrailer int
	err        error
}

func (c *chunkedReader) Read(p []byte) (int, error) {
	for c.err == nil {
		if !c.inChunk {
			if err := c.nextChunk(); err != nil {
				c.err = err
				break
			}
			continue
		}
		if c.left == 0 {
			// The CRLF after a chunk's data.
			line, err := c.line()
			if err != nil {
				c.err = err
				break
			}
			if len(line) != 0 {
				c.err = errChunked
				break
			}
			c.inChunk = false
			continue
		}
		if len(p) == 0 {
			return 0, nil
		}
		if int64(len(p)) > c.left {
			p = p[:c.left]
		}
		n, err := c.br.Read(p)
		c.left -= int64(n)
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			c.err = err
		}
		return n, err
	}
	return 0, c.err
}

// nextChunk reads a chunk's size line; a last chunk reads the trailer and
// ends the body (io.EOF).
func (c *chunkedReader) nextChunk() error {
	line, err := c.line()
	if err != nil {
		return err
	}
	size, _, _ := strings.Cut(string(line), ";")
	size = strings.TrimRight(size, " \t")
	if size == "" || len(size) > 15 {
		return errChunked
	}
	n, err := strconv.ParseInt(size, 16, 64)
	if err != nil || n < 0 || strings.HasPrefix(size, "+") || strings.HasPrefix(size, "-") {
		return errChunked
	}
	if n > 0 {
		c.left, c.inChunk = n, true
		return nil
	}
	// The trailer: fields until an empty line.
	for total := 0; ; {
		line, err := c.line()
		if err != nil {
			return err
		}
		if len(line) == 0 {
			return io.EOF
		}
		if total += len(line); total > c.maxTrailer {
			return errChunked
		}
	}
}

// line reads one line of the chunked framing without its line end; lines
// longer than the reader's buffer are malformed.
func (c *chunkedReader) line() ([]byte, error) {
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		if err == io.EOF {
			return nil, io.ErrUnexpectedEOF
		}
		if err == bufio.ErrBufferFull {
			return nil, errChunked
		}
		return nil, err
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}
