package io.mezzo.api.resources;

/** A resource is malformed: bad text, negative or non-finite scalar, overlapping ranges, ... */
public class InvalidResourceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidResourceException(String message) {
        super(message);
    }
}
