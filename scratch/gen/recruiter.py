RECRUITER = [
  {
    "id": "stripe-be-rs-background",
    "prompt": "To start, walk me through your background: what you work on now, what you've built before, and how you got here. Keep it to a few minutes; I'll ask about anything I want more on.",
    "competency": "Communication",
    "rubric": [
      ["arc", "Tells a short, ordered story (now, before, the thread that connects them) instead of reading out the CV.", "Recruiters pass a summary on to the hiring team; a clear arc is what they can repeat.", ["currently", "before that", "started", "moved to", "which led", "path", "story"]],
      ["scope", "Gives concrete scope: systems owned, scale, team size, their own role in it.", "Scope is how the recruiter places you at a level.", ["owned", "led", "team of", "requests", "scale", "users", "on-call", "my role"]],
      ["relevance", "Connects the background to backend work like this role's (APIs, reliability, money or data correctness).", "It answers the unspoken question: why does this person fit this team?", ["backend", "api", "payments", "distributed", "reliability", "correctness", "infrastructure"]],
    ],
    "followUps": [
      ["Of the systems you mentioned, which one are you proudest of, and what exactly was your part?", "scope"],
      ["How does that experience connect to backend work on payments infrastructure?", "relevance"],
    ],
    "outline": ["Present role and what you own, in one or two sentences.", "One or two earlier roles, each with a concrete result.", "The thread: what you keep being drawn to.", "Close on why that leads to this conversation."],
    "pitfalls": ["A chronological reading of every job since university.", "Only team achievements, never your own part.", "Running past three minutes without a pause."],
    "answerMinutes": 4,
  },
  {
    "id": "stripe-be-rs-why-stripe",
    "prompt": "Why are you interested in Stripe, and in this team's kind of work in particular?",
    "competency": "Motivation",
    "rubric": [
      ["specific", "Names something specific about the company's products, engineering or users, not generic praise.", "Specific interest signals research and real motivation; generic answers fit any company.", ["api", "developers", "documentation", "payments", "internet economy", "product", "engineering blog", "users"]],
      ["personal", "Ties the interest to their own experience or a problem they have met.", "A personal link makes the motivation believable.", ["i used", "when i", "at my", "i integrated", "experience", "i've seen"]],
      ["work", "Shows interest in the actual work (correctness, reliability, scale of money movement) rather than only the brand.", "Interviewers want people who will enjoy the day-to-day problems.", ["correctness", "reliability", "scale", "idempotency", "ledger", "hard problems", "impact"]],
    ],
    "followUps": [
      ["What do you know about the problems this team works on day to day?", "work"],
      ["Have you used the product yourself? What did you notice?", "personal"],
    ],
    "outline": ["One specific thing about the product or engineering culture.", "A personal experience that connects to it.", "What about the work itself draws you.", "How it fits where you want to grow."],
    "pitfalls": ["Answering only with the brand, compensation or growth rate.", "Reciting the company's mission statement back."],
    "answerMinutes": 3,
  },
  {
    "id": "stripe-be-rs-next-role",
    "prompt": "What are you looking for in your next role: the kind of work, the team, and the level of ownership?",
    "competency": "Motivation",
    "rubric": [
      ["clear-wants", "States clearly what they want in work, team and scope.", "A recruiter matches candidates to teams; vague wants make matching impossible.", ["looking for", "i want", "ownership", "team", "scope", "problems", "mentorship"]],
      ["reasons", "Explains why, from past experience, without criticising the current employer.", "Reasons show self-knowledge; complaints raise flags.", ["because", "learned", "realised", "enjoy", "energised", "missing"]],
      ["level", "Is realistic about level and growth and names what they would take on.", "Level calibration starts in this call.", ["senior", "level", "lead", "take on", "grow into", "responsibility"]],
    ],
    "followUps": [
      ["What would make you turn down an offer?", "clear-wants"],
      ["What is missing in your current role that you hope to find here?", "reasons"],
    ],
    "outline": ["The kind of problems you want.", "The team and way of working you do best in.", "The ownership and level you are aiming at.", "One thing that would make the move a clear win."],
    "pitfalls": ["Complaining about the current employer.", "Saying you are open to anything.", "Naming a level far from your experience without reasons."],
    "answerMinutes": 3,
  },
  {
    "id": "stripe-be-rs-logistics",
    "prompt": "A few practical things: what does your timeline look like, are you in other processes, and is there anything about location or working arrangements I should know?",
    "competency": "Logistics",
    "rubric": [
      ["timeline", "Gives an honest timeline (notice period, other processes and their stage).", "Recruiters plan the loop around it; surprises later cost everyone time.", ["notice", "weeks", "timeline", "other processes", "final round", "offer", "start date"]],
      ["constraints", "States location, remote or visa constraints plainly.", "Constraints discovered late end processes that could have been set up to work.", ["location", "remote", "relocate", "visa", "office", "hybrid", "time zone"]],
      ["professional", "Stays professional about compensation: gives a researched range or defers politely.", "How you handle this shows judgement.", ["range", "compensation", "flexible", "total", "discuss later", "market"]],
    ],
    "followUps": [
      ["If another company makes you an offer in two weeks, what would you do?", "timeline"],
      ["What compensation range are you expecting?", "professional"],
    ],
    "outline": ["Notice period and earliest start.", "Other processes and how far along they are.", "Location and work arrangement needs.", "A researched range, or a polite deferral."],
    "pitfalls": ["Hiding other offers until the last moment.", "Naming a number without any research.", "Being vague about constraints that will matter later."],
    "answerMinutes": 3,
  },
]
