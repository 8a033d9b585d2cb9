// Rust: Cargo's manifest, lock and configuration, the build script, and the crate sources.
import type { Ecosystem } from './ecosystem';

export const rust: Ecosystem = {
  name: 'Rust',
  marker: (n) => n === 'Cargo.toml',
  manifests: [
    [(n) => n === 'Cargo.toml' || n === 'Cargo.lock', 'Cargo reads it', true],
    [(n) => n === 'build.rs', 'Cargo runs the build script', true],
    [(n) => n === 'rust-toolchain' || n === 'rust-toolchain.toml', 'rustup picks the toolchain from it'],
  ],
  tools: /^(cargo|rustc)\b/,
  compiled: [
    ['src', 'Cargo compiles src/'],
    ['.cargo', 'Cargo reads its configuration'],
  ],
  regenerated: [['target', 'Cargo build output: the build recreates target/']],
};
