// Worker-thread entry for context scans (filled in by the scanner work).
export {};
