package io.billhook.dunning.entity;

/** A dunning policy document that cannot be used, with every reason found. */
public class PolicyInvalid extends RuntimeException {

    public PolicyInvalid(String message) {
        super(message);
    }
}
