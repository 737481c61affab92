package org.edgewise.bench;

/** The computers seeding made, by index: their references and node credentials (null where seeding failed). */
record Fleet(String[] references, String[] credentials) {

    static Fleet ofSize(int computers) {
        return new Fleet(new String[computers], new String[computers]);
    }

    /** How many computers were seeded completely. */
    int seeded() {
        int seeded = 0;
        for (String c : credentials) {
            if (c != null) {
                seeded++;
            }
        }
        return seeded;
    }
}
