package org.edgewise;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class EdgewiseApplication {

    public static void main(String[] args) {
        SpringApplication.run(EdgewiseApplication.class, args);
    }
}
