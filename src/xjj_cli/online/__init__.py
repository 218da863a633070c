"""Online (SPEC §9): ``xjj push``'s messages to the work chats' group robots — what they say
(``compose``), cut to each service's size (``split``), and each service's requests, signature
and posting with retries (``services``)."""
