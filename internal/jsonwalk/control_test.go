package jsonwalk

import (
	"bytes"
	"testing"
)

// TestHasControlFindsEveryControlByte puts every byte value at every offset of a word and a
// half, between bytes on either side of 0x20, and compares with a byte-by-byte look.
func TestHasControlFindsEveryControlByte(t *testing.T) {
	for _, filler := range []byte{' ', '!', 0x7f, 0x80, 0xff} {
		for at := range 12 {
			for c := range 256 {
				b := bytes.Repeat([]byte{filler}, 12)
				b[at] = byte(c)
				want := bytes.ContainsFunc(b, func(r rune) bool { return r < 0x20 })
				for _, tail := range []int{0, 1, 5} {
					if got := hasControl(b[:len(b)-tail]); got != (want && at < len(b)-tail) {
						t.Fatalf("hasControl(%q) = %v", b[:len(b)-tail], got)
					}
				}
			}
		}
	}
}

// TestPlainASCIIIsExact compares plainASCII with a byte-by-byte look for every byte value
// at every offset of a word and a half.
func TestPlainASCIIIsExact(t *testing.T) {
	for _, filler := range []byte{' ', 'a', '[', ']', 0x7e, 0x7f} {
		for at := range 12 {
			for c := range 256 {
				b := bytes.Repeat([]byte{filler}, 12)
				b[at] = byte(c)
				for _, n := range []int{12, 11, 7, at + 1} {
					want := true
					for _, x := range b[:n] {
						want = want && x >= 0x20 && x < 0x80 && x != '\\'
					}
					if got := plainASCII(b[:n]); got != want {
						t.Fatalf("plainASCII(%q) = %v", b[:n], got)
					}
				}
			}
		}
	}
}
