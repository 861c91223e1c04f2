// Measurements compete for the same cores: a test that measures while another measures would see
// half the machine. Every test in this assembly runs alone.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
