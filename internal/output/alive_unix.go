//go:build unix

package output

import (
	"errors"
	"syscall"
)

// alive reports whether process pid still runs: signal 0 checks without
// sending anything, and EPERM means it runs under another user.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
