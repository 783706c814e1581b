package io.billhook.companies.entity;

/** A phone number a company owns, in E.164, with what it is for. */
public record AssignedNumber(String number, String label) {
}
