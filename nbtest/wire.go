package nbtest

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// protocolVersion is the Jupyter messaging protocol version nbtest speaks.
const protocolVersion = "5.3"

// delimiter separates routing identities from the signed message parts.
var delimiter = []byte("<IDS|MSG>")

// Header is a Jupyter message header.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is a decoded Jupyter message.
type Message struct {
	Header       Header
	ParentHeader Header
	Metadata     map[string]any
	Content      map[string]any
}

// ErrBadSignature is returned when a received message's HMAC does not match.
var ErrBadSignature = errors.New("message signature does not match the connection key")

// signer computes the HMAC-SHA256 signature of messages; an empty key
// disables signing, as the protocol allows.
type signer struct{ key []byte }

func (s signer) sign(parts ...[]byte) []byte {
	if len(s.key) == 0 {
		return nil
	}
	m := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		m.Write(p)
	}
	sum := m.Sum(nil)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// encode returns the wire frames of a new message of type msgType.
func (s signer) encode(session, msgType string, content any) (Header, [][]byte, error) {
	h := Header{
		MsgID:    newID(),
		Session:  session,
		Username: "nbtest",
		Date:     time.Now().UTC().Format(time.RFC3339Nano),
		MsgType:  msgType,
		Version:  protocolVersion,
	}
	parts := make([][]byte, 4)
	var err error
	for i, v := range []any{h, struct{}{}, struct{}{}, content} {
		if parts[i], err = json.Marshal(v); err != nil {
			return h, nil, fmt.Errorf("encoding %s: %w", msgType, err)
		}
	}
	frames := append([][]byte{delimiter, s.sign(parts...)}, parts...)
	return h, frames, nil
}

// decode verifies and parses wire frames (routing identities and a PUB topic
// may precede the delimiter).
func (s signer) decode(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], delimiter) {
		i++
	}
	if len(frames)-i < 6 {
		return nil, fmt.Errorf("malformed message: %d frames, no delimiter followed by 5 parts", len(frames))
	}
	sig, parts := frames[i+1], frames[i+2:i+6]
	if len(s.key) > 0 && !hmac.Equal(sig, s.sign(parts...)) {
		return nil, ErrBadSignature
	}
	var m Message
	for j, dst := range []any{&m.Header, &m.ParentHeader, &m.Metadata, &m.Content} {
		if err := json.Unmarshal(parts[j], dst); err != nil {
			return nil, fmt.Errorf("malformed message part %d: %w", j, err)
		}
	}
	return &m, nil
}

// newID returns a random UUID-like identifier.
func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
