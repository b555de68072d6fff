// Package nbcache keeps expensive results (simulation monitors, spike
// trains, analyses) between notebook cells. Each GoNB cell is a new process,
// so a network simulated in one cell is gone in the next; nbcache stores the
// result on disk through GoNB's public cache package, keyed by a name and by
// the parameters that produced it, so changing a parameter recomputes while
// re-running an unchanged cell loads the stored value.
//
//	res, err := nbcache.Get("coba", params, func() (*bp.Result, error) {
//		return bp.Run(ctx, net, 1000, bp.RunnerSettings{...})
//	})
//
// Values are stored with encoding/gob (or the value's own
// cache.Serializable methods); bp.Result, bp.Trace and bp.SpikeTrain are
// gob-encodable. The default Store is GoNB's cache.Default: a directory under
// the system temp dir named after the notebook's directory, so it survives
// kernel restarts and is shared by the notebooks of one folder. Reset drops
// a key's entries; model state itself is saved with bp.SaveFile.
package nbcache

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/janpfeifer/gonb/cache"
)

// Store is a cache directory.
type Store struct{ s *cache.Storage }

// Open returns the Store in dir, created if needed.
func Open(dir string) (*Store, error) {
	s, err := cache.New(dir)
	if err != nil {
		return nil, fmt.Errorf("nbcache: %w", err)
	}
	return &Store{s}, nil
}

var defaultStore *Store

// Default returns the store over GoNB's cache.Default.
func Default() *Store {
	if defaultStore == nil {
		defaultStore = &Store{cache.Default}
	}
	return defaultStore
}

// Get returns the value stored in the default store under key for params,
// or computes it with compute and stores it. See GetIn.
func Get[T any](key string, params any, compute func() (T, error)) (T, error) {
	return GetIn(Default(), key, params, compute)
}

// ErrBadKey is returned for keys that cannot name a cache entry.
var ErrBadKey = errors.New("nbcache: key must be a non-empty name without '/', '*' or spaces")

// GetIn returns the value stored in s under key for params, or computes it
// with compute and stores it. params (a struct, map, number... anything
// encoding/json accepts; nil for none) identifies the computation: another
// value of params is another entry. An entry that no longer decodes as T
// (the type changed) is recomputed. compute's error is returned as is and
// nothing is stored.
func GetIn[T any](s *Store, key string, params any, compute func() (T, error)) (T, error) {
	var zero T
	name, err := entryName(key, params)
	if err != nil {
		return zero, err
	}
	if r, err := s.s.Reader(name); err == nil {
		v, derr := decode[T](r)
		if c, ok := r.(io.Closer); ok {
			c.Close()
		}
		if derr == nil {
			return v, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return zero, fmt.Errorf("nbcache: reading %q: %w", key, err)
	}
	v, err := compute()
	if err != nil {
		return zero, err
	}
	if err := s.s.Save(name, v); err != nil {
		return v, fmt.Errorf("nbcache: storing %q: %w", key, err)
	}
	return v, nil
}

// Reset removes every entry of key from the default store.
func Reset(key string) error { return Default().Reset(key) }

// Reset removes every entry of key (for all params).
func (s *Store) Reset(key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	keys, err := s.s.ListKeys()
	if err != nil {
		return fmt.Errorf("nbcache: %w", err)
	}
	for _, k := range keys {
		if strings.HasPrefix(k, key+"@") {
			if err := s.s.ResetKey(k); err != nil {
				return fmt.Errorf("nbcache: %w", err)
			}
		}
	}
	return nil
}

func checkKey(key string) error {
	if key == "" || strings.ContainsAny(key, "/\\*@ \t\r\n\x00") || key == "." || key == ".." {
		return fmt.Errorf("%w (got %q)", ErrBadKey, key)
	}
	return nil
}

// entryName is key@<hash of params' JSON>.
func entryName(key string, params any) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	b, err := json.Marshal(params)
	if err != nil {
		return "", fmt.Errorf("nbcache: params of %q must encode as JSON: %w", key, err)
	}
	sum := sha256.Sum256(b)
	return key + "@" + hex.EncodeToString(sum[:8]), nil
}

func decode[T any](r io.Reader) (T, error) {
	var v T
	if ser, ok := any(v).(cache.Serializable); ok {
		out, err := ser.CacheDeserialize(r)
		if err != nil {
			return v, err
		}
		v, ok = out.(T)
		if !ok {
			return v, fmt.Errorf("CacheDeserialize returned %T", out)
		}
		return v, nil
	}
	err := gob.NewDecoder(r).Decode(&v)
	return v, err
}
