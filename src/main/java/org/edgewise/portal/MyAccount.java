package org.edgewise.portal;

import java.util.List;
import java.util.Optional;

import org.edgewise.access.Actor;
import org.edgewise.document.DocumentEngine;
import org.edgewise.document.PageRequest;
import org.edgewise.party.Organisations;
import org.edgewise.party.Persons;
import org.edgewise.party.Users;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The customer's organisation and its people: the contacts staff know and the users who sign in. */
@Service
class MyAccount {

    /** More people than an organisation has in practice: the page shows them all at once. */
    static final int MOST_PEOPLE = 500;

    private static final List<PageRequest.Sort> BY_NAME = List.of(new PageRequest.Sort("name", true));

    private final DocumentEngine engine;
    private final Organisations organisations;
    private final Persons persons;
    private final Users users;

    MyAccount(DocumentEngine engine, Organisations organisations, Persons persons, Users users) {
        this.engine = engine;
        this.organisations = organisations;
        this.persons = persons;
        this.users = users;
    }

    /** The organisation the user acts for; none for staff. */
    @Transactional(readOnly = true)
    Optional<Organisations.Row> organisation(Actor actor) {
        if (actor.organisationId() == null) {
            return Optional.empty();
        }
        return Optional.of(organisations.get(engine.get(actor.organisationId(), actor).reference(), actor));
    }

    /** The organisation's people; of their own organisation only, even for a user who is also staff. */
    @Transactional(readOnly = true)
    List<Persons.Row> persons(Actor actor) {
        return persons.page(new PageRequest(null, null, BY_NAME, 0, MOST_PEOPLE), actor).stream()
                .filter(p -> p.organisationId() != null && p.organisationId().equals(actor.organisationId())).toList();
    }

    @Transactional(readOnly = true)
    List<Users.Row> users(Actor actor) {
        return users.page(new PageRequest(null, null, BY_NAME, 0, MOST_PEOPLE), actor).stream()
                .filter(u -> u.organisationId() != null && u.organisationId().equals(actor.organisationId())).toList();
    }
}
