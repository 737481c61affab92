package org.edgewise.bench;

/** What every phase works with: the settings, the Master under test and its API, and the report. */
record BenchRun(Options options, MasterProcess master, Api api, Report report) {

    /** The release every tree asks for; it is never built, since no node client runs. */
    static final String RELEASE_URL = "file:/opt/edgewise-bench/release-1.0";
}
