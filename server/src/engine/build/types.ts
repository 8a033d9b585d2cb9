// What a build is once assembled: the Dockerfile, its context, the ignore file its builder
// applies and the scan of that context. Rules read it; build/assemble.ts is where it is made.
import type { ContextScan } from '../context/model';
import type { BuildSite, ContextCandidate } from '../discovery/types';
import type { ParsedIgnoreFile } from '../dockerignore/read';
import type { Builder } from '../types';

/** One build of a Dockerfile: where its context is, which ignore file applies, what it holds. */
export interface BuildInfo {
  dockerfile: string;
  contextDir: string;
  builder: Builder;
  /** Ignore file this build uses (absolute), or null when none exists. */
  ignoreFile: string | null;
  /** Where a new ignore file would be created for this build. */
  ignoreFileToCreate: string;
  ignore: ParsedIgnoreFile | null;
  /** Null while the context is still being scanned: rules that need sizes then stay silent. */
  scan: ContextScan | null;
  /** Human-readable origin of the context choice, e.g. "Makefile:289" or "inferred from COPY sources". */
  provenance: string;
  /** Every place the repository builds this Dockerfile (discovery), for duplicate-image-build. */
  sites?: BuildSite[];
}

/** A build before its files are read: the context candidate and the builder that runs it. */
export interface BuildSpec {
  candidate: ContextCandidate;
  builder: Builder;
  sites: BuildSite[];
}

/** What a scan is made from; one scan serves every build with the same request. */
export interface ScanRequest {
  contextDir: string;
  builder: Builder;
  /** Ignore file the build applies (absolute), or null when none exists. */
  ignoreFile: string | null;
  /** Its text as the editor shows it (unsaved buffers included). */
  ignoreText: string | undefined;
  /** Classic sends the Dockerfile whatever the ignore file says. */
  dockerfile?: string;
}
