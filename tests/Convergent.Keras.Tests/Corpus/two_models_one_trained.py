# Two models in one script: a baseline that is only compiled, and the one that is trained.
from keras.models import Sequential
from keras.layers import Dense

baseline = Sequential()
baseline.add(Dense(1, input_dim=8, activation='sigmoid'))
baseline.compile(loss='binary_crossentropy', optimizer='sgd')

deeper = Sequential()
deeper.add(Dense(12, input_dim=8, activation='relu'))
deeper.add(Dense(8, activation='relu'))
deeper.add(Dense(1, activation='sigmoid'))
deeper.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
deeper.fit(X, Y, epochs=150, batch_size=10)
