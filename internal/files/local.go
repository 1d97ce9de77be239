package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Local is a Store on the local disk. Each file is sealed with its key as
// additional data, so a file renamed to another key fails to open.
type Local struct {
	dir  string
	seal Sealer
}

var _ Store = (*Local)(nil)

// NewLocal returns a store rooted at dir (created 0700). seal is required:
// documents hold personal data and must not sit on disk in the clear.
func NewLocal(dir string, seal Sealer) (*Local, error) {
	if seal == nil {
		return nil, errors.New("files: a sealer is required")
	}
	if dir == "" {
		return nil, errors.New("files: a directory is required")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	return &Local{dir: dir, seal: seal}, nil
}

// shard spreads files over 256 subdirectories. It hashes the key rather than
// taking its first characters so keys with a common prefix ("doc-…") still
// spread evenly.
func shard(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:1])
}

func (l *Local) path(key string) string {
	return filepath.Join(l.dir, shard(key), key)
}

// Put seals data and writes it atomically, replacing any earlier content.
func (l *Local) Put(ctx context.Context, key string, data []byte) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	ct, err := l.seal.SealAD(data, []byte(key))
	if err != nil {
		return fmt.Errorf("files: seal %s: %w", key, err)
	}
	sub := filepath.Join(l.dir, shard(key))
	if err := os.Mkdir(sub, 0o700); err == nil {
		// A new directory entry is durable only once its parent is synced.
		if err := syncDir(l.dir); err != nil {
			return fmt.Errorf("files: %w", err)
		}
	} else if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("files: %w", err)
	}
	if err := writeAtomic(sub, key, ct); err != nil {
		return fmt.Errorf("files: put %s: %w", key, err)
	}
	return nil
}

// Get reads and unseals the document; ErrNotFound when there is none.
func (l *Local) Get(ctx context.Context, key string) ([]byte, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ct, err := os.ReadFile(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	data, err := l.seal.UnsealAD(ct, []byte(key))
	if err != nil {
		return nil, fmt.Errorf("files: unseal %s: %w", key, err)
	}
	return data, nil
}

// Delete removes the document. Deleting a missing key is not an error, so a
// purge that is retried after a crash completes.
func (l *Local) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err := os.Remove(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	return syncDir(filepath.Dir(l.path(key)))
}

// writeAtomic writes data to dir/name through a synced temporary file and a
// rename, then syncs dir so the rename itself survives a crash. Temporary
// names start with '.', which no valid key does.
func writeAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}
