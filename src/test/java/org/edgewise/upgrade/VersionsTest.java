package org.edgewise.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Versions in the order people mean them, which decides what is newer and so what is proposed as an upgrade. */
class VersionsTest {

    @Test
    void numbersCompareAsNumbersAndALongerVersionIsNewer() {
        List<String> versions = new ArrayList<>(List.of("10", "2.1", "1.0", "3", "2", "1.9", "2.1.1", "1.10", "2.beta"));

        versions.sort(Versions.ORDER);

        assertThat(versions).containsExactly("1.0", "1.9", "1.10", "2", "2.beta", "2.1", "2.1.1", "3", "10");
        assertThat(Versions.compare("1.0", "1.0")).isZero();
        assertThat(Versions.compare("2", "1.0")).isPositive();
    }
}
