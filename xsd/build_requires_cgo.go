//go:build !cgo

package xsd

// customslint validates with libxml2 through cgo: it cannot be built with
// CGO_ENABLED=0. The undefined name below makes the compiler say so first.
//
// Build with CGO_ENABLED=1 (Go's default where a C compiler is installed)
// and libxml2's headers installed: on Debian, `apt-get install gcc
// pkg-config libxml2-dev` (or run .ci/setup).
type cgoRequired struct {
	_ customslint_needs_cgo_and_libxml2__build_with_CGO_ENABLED_1_and_install_libxml2_dev
}
